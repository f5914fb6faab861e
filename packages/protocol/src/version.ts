/** Bumped on any breaking change to REST bodies or websocket messages; clients say theirs in `hello`. */
export const PROTOCOL_VERSION = 1;
