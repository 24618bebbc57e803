/**
 * The tracked-link registry: which target URL (and which sent message) a short token stands for.
 * A JSON file, by default `data/links.json`:
 *
 *   { "links": { "AbC123": { "url": "https://shop.example/p/coat-42", "message_id": "wamid.…" } } }
 *
 * Whoever sends the messages (a campaign tool, the demo generator) writes it; the receiver reads it
 * again whenever the file changes, so new links work without a restart.
 */
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';

export interface TrackedLink {
  url: string;
  message_id: string | null;
}

export const LINK_TOKEN = /^[A-Za-z0-9_-]{1,64}$/u;

const linkSchema = z
  .object({
    url: z
      .string()
      .url()
      .refine((url) => /^https?:\/\//iu.test(url), 'expected an http(s) URL'),
    message_id: z.string().min(1).nullable().default(null),
  })
  .strict();

const registrySchema = z
  .object({
    links: z.record(z.string().regex(LINK_TOKEN, 'expected a token of letters, digits, "_" or "-" (at most 64)'), linkSchema),
  })
  .strict();

export class LinkRegistryError extends Error {}

/** Parses and validates a registry file's text; errors name the file and the offending key. */
export function parseLinkRegistry(text: string, file: string): Map<string, TrackedLink> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LinkRegistryError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = registrySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LinkRegistryError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return new Map(Object.entries(parsed.data.links));
}

export class LinkRegistry {
  private links = new Map<string, TrackedLink>();
  /** mtime and size of the version loaded; null when the file did not exist. */
  private loaded: string | null = null;

  constructor(
    private readonly file: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Loads the file now; a missing file is an empty registry, a malformed one an error. */
  async load(): Promise<void> {
    await this.refresh(true);
  }

  async lookup(token: string): Promise<TrackedLink | null> {
    if (!LINK_TOKEN.test(token)) return null;
    await this.refresh(false);
    return this.links.get(token) ?? null;
  }

  /** Re-reads the file when it changed. A broken edit keeps the last good version (and says so) rather than breaking every link. */
  private async refresh(strict: boolean): Promise<void> {
    const version = await stat(this.file).then(
      (info) => `${info.mtimeMs}:${info.size}`,
      () => null,
    );
    if (version === this.loaded) return;
    if (version === null) {
      this.links = new Map();
      this.loaded = null;
      return;
    }
    try {
      this.links = parseLinkRegistry(await readFile(this.file, 'utf8'), this.file);
      this.loaded = version;
    } catch (error) {
      if (strict) throw error;
      this.log(`scrm serve: keeping the previous links: ${(error as Error).message}`);
      this.loaded = version;
    }
  }
}
