/**
 * What a conversation is about and how it goes: sales questions (availability, price, discount,
 * size, payment, buying), where-is-my-parcel, complaints, hand-offs from the bot to a person,
 * opening hours and returns; each ends with thanks, displeasure or silence, and sometimes a
 * satisfaction survey.
 */
import { drawAgent, type AgentProfile } from './agents.js';
import type { Product } from './catalog.js';
import type { Language } from './market.js';
import { WeightedTable, type Random } from './random.js';
import type { AgentIntent, CustomerIntent, TemplateVars } from './texts/index.js';
import { Timeline, type PlannedMessage } from './timeline.js';

export type Scenario = 'sales' | 'logistics' | 'complaint' | 'handoff' | 'faq' | 'returns';
export type PaymentMethod = 'card' | 'cod' | 'transfer';

export interface ConversationRequest {
  random: Random;
  language: Language;
  vars: TemplateVars;
  scenario: Scenario;
  product: Product;
  /** A customer drifting away: displeased closings, lower satisfaction. */
  unhappy: boolean;
  priceSensitive: boolean;
  /** The payment method the customer asks about, if any. */
  mentionPayment?: PaymentMethod;
  /** The customer decides to buy during the chat (sales only). */
  willBuy: boolean;
  startMs: number;
}

export interface ConversationPlan {
  messages: PlannedMessage[];
  endMs: number;
  agent?: AgentProfile;
  /** The survey score the customer gave, when a survey was answered. */
  csatScore?: number;
}

export interface ScenarioWeights {
  /** The customer ordered recently, so parcels and returns are on their mind. */
  recentOrder: boolean;
  complaintFactor: number;
}

export function drawScenario(random: Random, weights: ScenarioWeights): Scenario {
  const table = new WeightedTable<Scenario>([
    ['sales', 0.56],
    ['logistics', weights.recentOrder ? 0.16 : 0.02],
    ['complaint', 0.04 * weights.complaintFactor],
    ['handoff', 0.05],
    ['faq', 0.12],
    ['returns', weights.recentOrder ? 0.06 : 0.01],
  ]);
  return table.draw(random);
}

const PAYMENT_INTENT: Record<PaymentMethod, CustomerIntent & AgentIntent> = { card: 'pay_card', cod: 'pay_cod', transfer: 'pay_transfer' };

export function planConversation(request: ConversationRequest): ConversationPlan {
  const timeline = new Timeline({ random: request.random, language: request.language, vars: request.vars }, request.startMs);
  const agent = drawAgent(request.random);
  const script = SCRIPTS[request.scenario];
  script(timeline, request, agent);
  const agentHandled = timeline.agentResponses.length > 0;
  let csatScore: number | undefined;
  const last = timeline.messages[timeline.messages.length - 1];
  if (agentHandled && !timeline.ended && last?.from === 'agent' && request.random.chance(0.35)) {
    const score = satisfaction(request, timeline.agentResponses);
    const answered = request.random.chance(0.65);
    timeline.survey(score, answered ? 1 : 0);
    if (answered) csatScore = score;
  }
  return { messages: timeline.messages, endMs: timeline.endMs, agent: agentHandled ? agent : undefined, csatScore };
}

type Script = (timeline: Timeline, request: ConversationRequest, agent: AgentProfile) => void;

const SCRIPTS: Record<Scenario, Script> = {
  sales(t, request, agent) {
    const { random, product } = request;
    if (random.chance(0.2)) {
      t.say('greeting');
      t.botReplies('welcome');
      t.think();
    }
    const inquiry: CustomerIntent & AgentIntent = product.size !== undefined && random.chance(0.6) ? 'inquiry_size' : 'inquiry';
    t.say(inquiry, { asImage: random.chance(0.12) });
    const priceWithInquiry = random.chance(0.3);
    if (priceWithInquiry) t.add('price');
    if (!t.agentReplies(agent, priceWithInquiry ? [inquiry, 'price'] : [inquiry])) return;
    if (!priceWithInquiry && random.chance(0.72) && !turn(t, agent, 'price')) return;
    if (random.chance(request.priceSensitive ? 0.9 : 0.22)) {
      t.think();
      t.say('discount');
      if (request.priceSensitive && random.chance(0.4)) t.add('discount');
      if (!t.agentReplies(agent, ['discount'])) return;
    }
    if (product.size !== undefined && random.chance(0.2) && !turn(t, agent, 'size_advice')) return;
    if (request.mentionPayment && !turn(t, agent, PAYMENT_INTENT[request.mentionPayment])) return;
    if (request.willBuy) {
      t.think();
      if (random.chance(0.03)) t.more({ type: 'catalog_order', product, quantity: 1 });
      else t.say('buy');
      if (!t.agentReplies(agent, ['buy'])) return;
    } else if (random.chance(0.45) && !turn(t, agent, 'followup')) return;
    closing(t, request, agent);
  },

  logistics(t, request, agent) {
    if (request.random.chance(0.5)) {
      t.say('logistics');
      t.botReplies('tracking');
      botClosing(t, request);
      return;
    }
    t.say('logistics');
    if (!t.agentReplies(agent, ['logistics'])) return;
    if (request.random.chance(0.3) && !turn(t, agent, 'followup')) return;
    closing(t, request, agent);
  },

  complaint(t, request, agent) {
    t.say('complaint');
    if (request.random.chance(0.5)) t.add('unhappy');
    if (!t.agentReplies(agent, ['complaint'], 0.02)) return;
    closing(t, { ...request, unhappy: request.unhappy || request.random.chance(0.5) }, agent);
  },

  handoff(t, request, agent) {
    t.say('hours');
    t.botReplies('hours');
    t.think();
    t.say('handoff');
    if (!t.agentReplies(agent, ['handoff'])) return;
    const topic = request.random.pick<CustomerIntent & AgentIntent>(['inquiry', 'returns', 'complaint']);
    if (!turn(t, agent, topic)) return;
    closing(t, request, agent);
  },

  faq(t, request) {
    const topic = request.random.chance(0.6) ? 'hours' : 'returns';
    t.say(topic);
    t.botReplies(topic);
    botClosing(t, request);
  },

  returns(t, request, agent) {
    t.say('returns');
    if (!t.agentReplies(agent, ['returns'])) return;
    if (request.random.chance(0.4) && !turn(t, agent, 'followup')) return;
    closing(t, request, agent);
  },
};

/** One question and its answer, after a pause. False when the shop never answers. */
function turn(t: Timeline, agent: AgentProfile, intent: CustomerIntent & AgentIntent): boolean {
  t.think();
  t.say(intent);
  return t.agentReplies(agent, [intent]);
}

function closing(t: Timeline, request: ConversationRequest, agent: AgentProfile): void {
  const { random } = request;
  if (request.unhappy && random.chance(0.7)) {
    t.think();
    t.say('unhappy');
    t.agentReplies(agent, ['unhappy'], 0.15);
  } else if (random.chance(0.75)) {
    t.think();
    t.say('thanks');
    t.agentReplies(agent, ['thanks'], 0.25);
  }
}

/** Bots do not answer thanks: a closing thanks to the bot stays unanswered. */
function botClosing(t: Timeline, request: ConversationRequest): void {
  if (request.unhappy && request.random.chance(0.6)) {
    t.think();
    t.say('unhappy');
    t.end();
  } else if (request.random.chance(0.5)) {
    t.think();
    t.say('thanks');
    t.end();
  }
}

/** The 1–5 answer to the survey: slow replies, complaints and a souring mood lower it. */
function satisfaction(request: ConversationRequest, responses: readonly number[]): number {
  const mean = responses.reduce((a, b) => a + b, 0) / responses.length;
  let score = 4.7;
  if (mean > 600) score -= 1.4;
  else if (mean > 300) score -= 0.7;
  if (request.scenario === 'complaint') score -= 1.2;
  if (request.unhappy) score -= 1.6;
  score += request.random.normal() * 0.6;
  return Math.min(5, Math.max(1, Math.round(score)));
}
