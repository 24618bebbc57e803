/**
 * The clock of one conversation: who says what when. Customers write one or a few messages per
 * turn, a responder answers after its own delay (or never), the customer thinks before the next
 * turn. Scenarios (scenarios.ts) decide the words; this decides the timing and message shapes.
 */
import { agentResponseSeconds, botResponseSeconds, type AgentProfile } from './agents.js';
import type { Product } from './catalog.js';
import type { Language } from './market.js';
import type { Random } from './random.js';
import { agentText, botText, customerText, type AgentIntent, type BotIntent, type CustomerIntent, type KeywordCategory, type TemplateVars } from './texts/index.js';

export type PlannedContent =
  | { type: 'text'; text: string; categories: readonly KeywordCategory[] }
  | { type: 'image'; caption: string; categories: readonly KeywordCategory[] }
  | { type: 'audio' }
  | { type: 'sticker' }
  | { type: 'unsupported' }
  | { type: 'reaction'; emoji: string; target: number }
  | { type: 'csat_reply'; score: number; target: number }
  | { type: 'csat_survey'; text: string }
  | { type: 'catalog_order'; product: Product; quantity: number };

export interface PlannedMessage {
  at: number;
  from: 'customer' | 'agent' | 'bot';
  agentId?: string;
  content: PlannedContent;
  /** Index of the earlier message this one quotes (WhatsApp "reply"). */
  replyTo?: number;
}

export interface TimelineContext {
  random: Random;
  language: Language;
  vars: TemplateVars;
}

export class Timeline {
  readonly messages: PlannedMessage[] = [];
  /** Response times of the turns answered by agents, in seconds (for the CSAT score). */
  readonly agentResponses: number[] = [];
  private now: number;
  private lastReply = -1;
  /** The last turn was left without reply (the customer does not come back). */
  abandoned = false;

  constructor(
    private readonly context: TimelineContext,
    startMs: number,
  ) {
    this.now = startMs;
  }

  /** When the last message (a late reaction included) is sent. */
  get endMs(): number {
    return this.messages.reduce((latest, message) => Math.max(latest, message.at), this.now);
  }

  /** The customer opens a turn: one message, sometimes a photo with the question as caption. */
  say(intent: CustomerIntent, options: { asImage?: boolean } = {}): void {
    const { random } = this.context;
    const line = customerText(this.context.language, intent, random, this.context.vars);
    const content: PlannedContent = options.asImage
      ? { type: 'image', caption: line.text, categories: line.categories }
      : { type: 'text', text: line.text, categories: line.categories };
    const quotes = this.lastReply >= 0 && random.chance(0.1) ? this.lastReply : undefined;
    this.push({ at: this.now, from: 'customer', content, replyTo: quotes });
    if (random.chance(0.03)) this.more({ type: 'audio' });
    if (random.chance(0.01)) this.more({ type: 'sticker' });
    if (random.chance(0.003)) this.more({ type: 'unsupported' });
  }

  /** A further customer message in the same turn, seconds later. */
  add(intent: CustomerIntent): void {
    const line = customerText(this.context.language, intent, this.context.random, this.context.vars);
    this.more({ type: 'text', text: line.text, categories: line.categories });
  }

  more(content: PlannedContent): void {
    this.now += this.context.random.uniform(5, 45) * 1000;
    this.push({ at: this.now, from: 'customer', content });
  }

  /** An agent answers the open turn with one or two messages. */
  agentReplies(agent: AgentProfile, intents: readonly AgentIntent[]): void {
    const { random } = this.context;
    const seconds = agentResponseSeconds(agent, random);
    this.agentResponses.push(seconds);
    this.now += seconds * 1000;
    intents.forEach((intent, index) => {
      if (index > 0) this.now += random.uniform(8, 40) * 1000;
      const text = agentText(this.context.language, intent, random, { ...this.context.vars, agent: agent.name });
      this.lastReply = this.push({ at: this.now, from: 'agent', agentId: agent.id, content: { type: 'text', text, categories: [] } });
    });
    if (random.chance(0.04)) this.react();
  }

  botReplies(intent: BotIntent): void {
    const { random } = this.context;
    this.now += botResponseSeconds(random) * 1000;
    const text = botText(this.context.language, intent, random, this.context.vars);
    this.lastReply = this.push({ at: this.now, from: 'bot', content: { type: 'text', text, categories: [] } });
  }

  /** Nobody answers the open turn. */
  abandon(): void {
    this.abandoned = true;
  }

  /** The customer reads the reply and takes a while before writing again (sometimes hours). */
  think(): void {
    const { random } = this.context;
    let seconds = random.logNormal(45, 0.9);
    if (random.chance(0.07)) seconds += random.uniform(3600, 5 * 3600);
    this.now += seconds * 1000;
  }

  /** The bot's satisfaction survey after the chat, and the customer's button reply (or silence). */
  survey(score: number, answerProbability: number): void {
    const { random, language } = this.context;
    this.now += random.uniform(60, 300) * 1000;
    const text = botText(language, 'csat', random, this.context.vars);
    const surveyIndex = this.push({ at: this.now, from: 'bot', content: { type: 'csat_survey', text } });
    if (!random.chance(answerProbability)) return;
    this.now += random.logNormal(240, 1) * 1000;
    this.push({ at: this.now, from: 'customer', content: { type: 'csat_reply', score, target: surveyIndex }, replyTo: surveyIndex });
    this.botReplies('csat_thanks');
  }

  private react(): void {
    const { random } = this.context;
    const emoji = random.pick(['👍', '❤️', '😂', '🙏', '😮']);
    this.messages.push({ at: this.now + random.uniform(3, 60) * 1000, from: 'customer', content: { type: 'reaction', emoji, target: this.lastReply } });
  }

  private push(message: PlannedMessage): number {
    this.messages.push(message);
    return this.messages.length - 1;
  }
}
