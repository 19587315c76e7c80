// The contract of the live API: JSON schemas of every request body, parameter, response and
// WebSocket frame, and the limits they carry. Fastify validates HTTP requests with them, the
// WebSocket handler validates frames with the same objects, and the OpenAPI document is built from
// them. Data only; imports nothing.

/** Longest message text, characters. */
export const MAX_TEXT_CHARS = 4000;
/** Largest HTTP request body, bytes. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Largest WebSocket frame, bytes (a larger one closes the connection with 1009). */
export const MAX_FRAME_BYTES = 16 * 1024;
/** Frames a connection may send per second; past it an error frame, past twice that a 1008 close. */
export const MAX_FRAMES_PER_SEC = 20;
/** Open WebSocket connections at once; past it a new one is closed with 1013. */
export const MAX_CONNECTIONS = 1000;
/** Seconds a new WebSocket has to send its `hello` frame before a 1008 close. */
export const HELLO_TIMEOUT_SEC = 5;

const text = { type: 'string', minLength: 1, maxLength: MAX_TEXT_CHARS } as const;
const id = { type: 'integer', minimum: 1 } as const;
const instant = { type: ['number', 'null'], description: 'scenario seconds from the start of the run; null when absent' } as const;

/** The error body and frame: `{ error: { code, message } }`. */
export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
} as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

export const startBody = {
  type: 'object',
  additionalProperties: false,
  required: ['message'],
  properties: {
    message: { ...text, description: 'the visitor\'s first message: it starts the conversation' },
    group: { type: 'string', minLength: 1, maxLength: 100, description: 'skill group id (default: the scenario\'s first)' },
    priorityClass: { type: 'string', minLength: 1, maxLength: 100, description: 'priority class id (default: the lowest priority)' },
  },
} as const;

export const messageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: { text },
} as const;

export const statusBody = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: { status: { type: 'string', enum: ['online', 'away', 'offline'] } },
} as const;

export const conversationsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: { type: 'string', enum: ['queued', 'reserved', 'assigned', 'wrapUp', 'ended'] },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  },
} as const;

export const conversationSchema = {
  type: 'object',
  required: ['id', 'group', 'state'],
  properties: {
    id,
    group: { type: 'string' },
    priorityClass: { type: ['string', 'null'] },
    state: { type: 'string', enum: ['queued', 'reserved', 'assigned', 'wrapUp', 'ended'] },
    agent: { type: ['string', 'null'] },
    queuePosition: { type: 'integer', minimum: 0, description: '1-based while queued, else 0' },
    arrivalAt: instant,
    queuedAt: instant,
    assignedAt: instant,
    firstReplyAt: instant,
    closedAt: instant,
    endedAt: instant,
    outcome: { type: ['string', 'null'] },
    transfers: { type: 'integer', minimum: 0 },
    noReplyNeeded: { type: 'boolean' },
    silentClosed: { type: 'boolean' },
  },
} as const;

export const messageSchema = {
  type: 'object',
  required: ['id', 'author', 'text', 'at'],
  properties: {
    id,
    author: { type: 'string', enum: ['visitor', 'agent', 'system'] },
    agent: { type: ['string', 'null'] },
    text: { type: 'string' },
    at: { type: 'number' },
  },
} as const;

export const agentSchema = {
  type: 'object',
  required: ['id', 'status', 'online', 'held', 'cap'],
  properties: {
    id: { type: 'string' },
    group: { type: 'string' },
    skills: { type: 'array', items: { type: 'string' } },
    status: { type: 'string', enum: ['online', 'away', 'offline'] },
    online: { type: 'boolean', description: 'takes new chats: status online and not set away after misses' },
    awayUntil: instant,
    held: { type: 'integer', minimum: 0 },
    cap: { type: 'integer', minimum: 0 },
  },
} as const;

// ---- WebSocket frames -------------------------------------------------------------------------

/** Client → server frames (visitor and agent sockets). */
export const clientFrameSchema = {
  oneOf: [
    {
      type: 'object', additionalProperties: false, required: ['type', 'token'],
      properties: { type: { const: 'hello' }, token: { type: 'string', minLength: 1, maxLength: 200 } },
      description: 'first frame of every socket: the visitor\'s or the agent\'s token',
    },
    {
      type: 'object', additionalProperties: false, required: ['type', 'conversationId', 'text'],
      properties: { type: { const: 'message' }, conversationId: id, text, clientId: { type: 'string', maxLength: 100 } },
      description: 'a message in a conversation the token reaches; acknowledged by an `ack` frame after it is stored',
    },
    {
      type: 'object', additionalProperties: false, required: ['type'],
      properties: { type: { const: 'ping' } },
    },
  ],
} as const;

/** Server → client frames. */
export const serverFrameSchema = {
  oneOf: [
    { type: 'object', required: ['type', 'role'], properties: { type: { const: 'welcome' }, role: { enum: ['visitor', 'agent'] }, agent: { type: 'string' }, conversations: { type: 'array', items: id } } },
    { type: 'object', required: ['type', 'messageId'], properties: { type: { const: 'ack' }, messageId: id, clientId: { type: 'string' } } },
    { type: 'object', required: ['type', 'conversationId', 'agent', 'at'], properties: { type: { const: 'assigned' }, conversationId: id, agent: { type: 'string' }, at: { type: 'number' } } },
    { type: 'object', required: ['type', 'conversationId', 'position'], properties: { type: { const: 'queue' }, conversationId: id, position: { type: 'integer', minimum: 1 } } },
    { type: 'object', required: ['type', 'conversationId', 'author', 'text', 'at', 'messageId'], properties: { type: { const: 'message' }, conversationId: id, author: { enum: ['visitor', 'agent', 'system'] }, agent: { type: 'string' }, text: { type: 'string' }, at: { type: 'number' }, messageId: id } },
    { type: 'object', required: ['type', 'conversationId', 'at', 'reason'], properties: { type: { const: 'closed' }, conversationId: id, at: { type: 'number' }, reason: { enum: ['agent', 'visitor', 'silence'] } } },
    { type: 'object', required: ['type', 'conversationId', 'from', 'to', 'at'], properties: { type: { const: 'transferred' }, conversationId: id, from: { type: 'string' }, to: { type: 'string' }, at: { type: 'number' } } },
    { type: 'object', required: ['type', 'conversationId', 'at'], properties: { type: { const: 'released' }, conversationId: id, at: { type: 'number' } } },
    { type: 'object', required: ['type', 'agent', 'status', 'online', 'held', 'cap'], properties: { type: { const: 'state' }, agent: { type: 'string' }, status: { enum: ['online', 'away', 'offline'] }, online: { type: 'boolean' }, held: { type: 'integer' }, cap: { type: 'integer' } } },
    { type: 'object', required: ['type'], properties: { type: { const: 'pong' } } },
    { type: 'object', required: ['type', 'error'], properties: { type: { const: 'error' }, error: errorSchema.properties.error } },
  ],
} as const;
