import { ConfigError } from '../../config/load.js';

/** Reads a secret from the environment; its absence is a configuration error that names the variable, never a value. */
export function secretFromEnv(env: NodeJS.ProcessEnv, variable: string, sink: string): string {
  const value = env[variable];
  if (!value) throw new ConfigError(`crm sink "${sink}": environment variable ${variable} is not set`);
  return value;
}
