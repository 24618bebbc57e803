import { ConfigError } from '../config/load.js';

/**
 * The receiver's secrets. They come from the environment only, never from the config file, and are
 * never logged: the error for a missing one names the variable, not a value.
 */

export interface ServeSecrets {
  /** Keys the HMAC of every delivery (`SCRM_APP_SECRET`, the Meta app secret). */
  readonly appSecret: string;
  /** Expected in the GET handshake (`SCRM_VERIFY_TOKEN`, chosen when registering the webhook). */
  readonly verifyToken: string;
}

export function readServeSecrets(env: NodeJS.ProcessEnv = process.env): ServeSecrets {
  const missing = ['SCRM_APP_SECRET', 'SCRM_VERIFY_TOKEN'].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ConfigError(`${missing.join(' and ')} must be set in the environment (the receiver cannot verify deliveries without them)`);
  }
  return { appSecret: env.SCRM_APP_SECRET!, verifyToken: env.SCRM_VERIFY_TOKEN! };
}
