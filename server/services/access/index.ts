// Who may see and do what: every access rule of the app lives in this folder, and every service asks
// it through this module.
export * from "./actor";
export * from "./organisations";
export * from "./visibility";
export * from "./project-access";
export * from "./decisions";
