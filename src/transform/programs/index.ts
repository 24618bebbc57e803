import type { CodeModel } from '../model.js';
import { IDENTITY_MODELS } from './identity.js';
import { SEEDS } from './seeds.js';

/** Every model computed in TypeScript; SQL models are discovered from models/. */
export const CODE_MODELS: readonly CodeModel[] = [...SEEDS, ...IDENTITY_MODELS];
