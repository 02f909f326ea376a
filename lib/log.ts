import pino from 'pino';

/**
 * Structured JSON logs (pino). One logger for the server, the start script and the
 * websocket; never log patient-identifiable content, only ids.
 */
export const log = pino({
  name: 'pathweave',
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  base: undefined,
  redact: ['password', '*.password', 'passwordHash', '*.passwordHash', 'headers.cookie', 'req.headers.cookie'],
});
