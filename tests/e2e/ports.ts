// The two production servers of the browser tests: one in demo mode, one without.
export const DEMO_PORT = 3100;
export const PLAIN_PORT = 3101;
export const PLAIN_BASE_URL = `http://127.0.0.1:${PLAIN_PORT}`;
/** The ProConnect stand-in the demo server signs in with. */
export const PROCONNECT_PORT = 3102;
