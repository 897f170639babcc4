export * from "./auth";
export * from "./territories";
export * from "./organisations";
export * from "./projects";
export * from "./mail";
export * from "./history";
export * from "./gradient";
export * from "./relations";
