import { LoggerService } from '@backstage/backend-plugin-api';

/** A logger that keeps what it is told, children included, for tests to read. */
export function recordingLogger() {
  const lines: {
    level: 'error' | 'warn' | 'info' | 'debug';
    message: string;
  }[] = [];
  const logger: LoggerService = {
    error: message => void lines.push({ level: 'error', message }),
    warn: message => void lines.push({ level: 'warn', message }),
    info: message => void lines.push({ level: 'info', message }),
    debug: message => void lines.push({ level: 'debug', message }),
    child: () => logger,
  };
  return { logger, lines };
}
