import { existsSync } from 'node:fs';

/** What resvg needs to draw text, and what was missing so the run summary can say so. */
export interface FontSetup {
  files: string[];
  /** Scan the system's font folders too (only when none of the configured files exist). */
  loadSystemFonts: boolean;
  warning: string | null;
}

/**
 * resvg draws no text without a font. The configured files that exist are loaded (DejaVu, which
 * Debian's fonts-dejavu-core provides, and common CJK fonts for Chinese keywords); when none exists
 * the system folders are scanned instead and the summary warns that labels may be missing.
 */
export function resolveFonts(candidates: readonly string[]): FontSetup {
  const files = candidates.filter((file) => existsSync(file));
  if (files.length > 0) return { files, loadSystemFonts: false, warning: null };
  return {
    files: [],
    loadSystemFonts: true,
    warning: `none of the configured chart fonts exist (${candidates.join(', ')}); PNG text uses system fonts and may be missing (install fonts-dejavu-core)`,
  };
}
