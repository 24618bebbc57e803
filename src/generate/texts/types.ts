/**
 * The shape of a language pack: what customers, agents, the bot and campaigns say. Customer
 * templates declare the keyword categories of config/keywords.json they must match (and no others),
 * which the tests check against the real dictionary and tokenizer.
 */

export type KeywordCategory =
  | 'price'
  | 'price_discount'
  | 'logistics'
  | 'size'
  | 'complaint'
  | 'handoff'
  | 'product_inquiry'
  | 'payment_cod'
  | 'payment_card'
  | 'payment_transfer';

export type CustomerIntent =
  | 'greeting'
  | 'inquiry'
  | 'inquiry_size'
  | 'price'
  | 'discount'
  | 'size_advice'
  | 'pay_cod'
  | 'pay_card'
  | 'pay_transfer'
  | 'buy'
  | 'thanks'
  | 'unhappy'
  | 'logistics'
  | 'complaint'
  | 'handoff'
  | 'returns'
  | 'hours'
  | 'followup';

export type AgentIntent =
  | 'inquiry'
  | 'inquiry_size'
  | 'price'
  | 'discount'
  | 'size_advice'
  | 'pay_cod'
  | 'pay_card'
  | 'pay_transfer'
  | 'buy'
  | 'thanks'
  | 'unhappy'
  | 'logistics'
  | 'complaint'
  | 'handoff'
  | 'returns'
  | 'hours'
  | 'followup';

export type BotIntent = 'welcome' | 'hours' | 'returns' | 'tracking' | 'handoff' | 'thanks' | 'csat' | 'csat_thanks';

export type CampaignTheme = 'new_arrivals' | 'flash_sale' | 'winter_sale' | 'summer_sale' | 'restock' | 'vip_early_access';

/** A customer message: its text (with {placeholders}) and the keyword categories it matches. */
export type CustomerTemplate = readonly [text: string, categories: readonly KeywordCategory[]];

export interface CampaignCopy {
  /** The same offer with and without emoji (the emoji-effect A/B test). */
  emoji: string;
  plain: string;
}

export interface LanguagePack {
  customer: Record<CustomerIntent, readonly CustomerTemplate[]>;
  agent: Record<AgentIntent, readonly string[]>;
  bot: Record<BotIntent, readonly string[]>;
  /** Titles of the CSAT buttons csat_1 … csat_5. */
  csatTitles: readonly [string, string, string, string, string];
  campaigns: Record<CampaignTheme, CampaignCopy>;
  orderShipped: string;
}

/** Placeholder values a template may use. */
export interface TemplateVars {
  product?: string;
  size?: string;
  price?: string;
  currency?: string;
  order?: string;
  first?: string;
  agent?: string;
  business?: string;
  url?: string;
}
