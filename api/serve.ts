// The public API of the live backend (`import { startServer } from 'chatsim/serve'`): start the
// reference chat service on a scenario's roster, and its OpenAPI document. Apart from `chatsim`'s
// main entry so that simulating never loads the HTTP stack. Re-exports only.
//
// @example
// import { loadScenarioFile } from 'chatsim';
// import { startServer } from 'chatsim/serve';
// const loaded = loadScenarioFile('scenarios/examples/webshop-day.yaml');
// if (loaded.ok) { const server = await startServer({ scenario: loaded.scenario, db: 'live.db', timeScale: 60 }); console.log(server.url); }

export { startServer, DEFAULT_TIME_SCALE, type ServerOptions, type RunningServer } from '../backend/server.js';
export { openapiDocument } from '../backend/openapi.js';
export { SYNCHRONOUS } from '../backend/store/sqlite-store.js';
export { MAX_BODY_BYTES, MAX_CONNECTIONS, MAX_FRAME_BYTES, MAX_FRAMES_PER_SEC, MAX_TEXT_CHARS } from '../backend/http/schemas.js';
