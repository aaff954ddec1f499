/** Links the app hands to the system: web pages over https and mail addresses only (no http:, file:, custom schemes). */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === "https:" && u.hostname !== "" && u.username === "" && u.password === "") || (u.protocol === "mailto:" && u.pathname !== "");
  } catch {
    return false;
  }
}
