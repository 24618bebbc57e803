import type { Language } from '../market.js';
import type { Random } from '../random.js';
import { en } from './en.js';
import { es } from './es.js';
import { zh } from './zh.js';
import type { AgentIntent, BotIntent, CustomerIntent, KeywordCategory, LanguagePack, TemplateVars } from './types.js';

export type { AgentIntent, BotIntent, CampaignTheme, CustomerIntent, KeywordCategory, LanguagePack, TemplateVars } from './types.js';

export const LANGUAGE_PACKS: Record<Language, LanguagePack> = { es, en, zh };

const PLACEHOLDER = /\{(\w+)\}/g;

/** Replaces {name} placeholders; a missing value is a bug in the caller, not something to print. */
export function fill(template: string, vars: TemplateVars): string {
  return template.replace(PLACEHOLDER, (_match, key: string) => {
    const value = vars[key as keyof TemplateVars];
    if (value === undefined) throw new Error(`template "${template}" needs {${key}}`);
    return value;
  });
}

export interface CustomerText {
  text: string;
  categories: readonly KeywordCategory[];
}

export function customerText(language: Language, intent: CustomerIntent, random: Random, vars: TemplateVars): CustomerText {
  const [template, categories] = random.pick(LANGUAGE_PACKS[language].customer[intent]);
  return { text: fill(template, vars), categories };
}

export function agentText(language: Language, intent: AgentIntent, random: Random, vars: TemplateVars): string {
  return fill(random.pick(LANGUAGE_PACKS[language].agent[intent]), vars);
}

export function botText(language: Language, intent: BotIntent, random: Random, vars: TemplateVars): string {
  return fill(random.pick(LANGUAGE_PACKS[language].bot[intent]), vars);
}
