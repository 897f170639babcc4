// A network's portfolio spreadsheet: its columns, reading a file, checking its rows, exporting.
export * from "./columns";
export * from "./read";
export * from "./rows";
export * from "./export";
