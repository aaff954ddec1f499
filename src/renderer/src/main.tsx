import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { attachEngineEvents } from "./api/attachEngineEvents.js";
import { startConnection } from "./api/client.js";
import "./styles.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void startConnection(attachEngineEvents);
