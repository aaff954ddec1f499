import { addNamed, dirOf, emptyStack, findManifests, inDir, readRepoFile, type DetectInput, type StackInfo } from "./StackInfo.js";

const FRAMEWORKS: Record<string, [string, string]> = {
  "spring-boot": ["Spring Boot", "web"], "spring-webmvc": ["Spring MVC", "web"], quarkus: ["Quarkus", "web"], micronaut: ["Micronaut", "web"],
  lombok: ["Lombok", "codegen"], hibernate: ["Hibernate", "data"], "jackson-databind": ["Jackson", "serialization"],
};
const TESTS: Record<string, string> = { "junit-jupiter": "JUnit 5", "junit:junit": "JUnit 4", "<artifactId>junit</artifactId>": "JUnit 4", testng: "TestNG", mockito: "Mockito" };

/** Java builds: Maven (pom.xml, mvnw) and Gradle (build.gradle[.kts], gradlew). */
export function detectJava(input: DetectInput): StackInfo {
  const out = emptyStack();
  const builds = [...findManifests(input, "pom.xml", 2), ...findManifests(input, "build.gradle", 2), ...findManifests(input, "build.gradle.kts", 2)];
  const seenDirs = new Set<string>();
  for (const m of builds) {
    const dir = dirOf(m);
    const maven = m.endsWith("pom.xml");
    const text = readRepoFile(input, m) ?? "";
    const tool = maven ? "maven" : "gradle";
    addNamed(out.packageManagers, { name: tool, evidence: [m] });
    for (const [dep, [name, category]] of Object.entries(FRAMEWORKS)) if (text.includes(dep)) addNamed(out.frameworks, { name, category, evidence: [`${m} → ${dep}`] });
    const fw = Object.entries(TESTS).find(([dep]) => text.includes(dep))?.[1];
    if (fw) addNamed(out.testFrameworks, { name: fw, language: "java", evidence: [m] });
    // Sub-modules run with the root build; only the shallowest build per tool gets a command.
    if ([...seenDirs].some((d) => d === "." || dir.startsWith(`${d}/`))) continue;
    seenDirs.add(dir);
    const wrapper = maven ? "mvnw" : "gradlew";
    const exe = input.pathSet.has(inDir(dir, wrapper)) ? `./${wrapper}` : maven ? "mvn" : "gradle";
    out.testCommands.push({ command: `${exe} test`, cwd: dir, framework: fw ?? tool, source: `${m}${exe.startsWith("./") ? ` + ${inDir(dir, wrapper)}` : ""}` });
  }
  input.facts.forEach((f, p) => void (f.language === "java" && f.hasMain && out.entryPoints.push({ path: p, kind: "main", evidence: "public static void main" })));
  return out;
}
