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
  /** The customer opens with a photo of the product (otherwise only by chance). */
  photo?: boolean;
  /** The shop leaves a turn unanswered and the customer never writes again: at the first or the last turn. */
  abandon?: 'first_turn' | 'last_turn';
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
  if (request.abandon === 'first_turn') {
    timeline.say(OPENING[request.scenario]);
    timeline.abandon();
  } else {
    SCRIPTS[request.scenario](timeline, request, agent);
  }
  const agentHandled = timeline.agentResponses.length > 0;
  let csatScore: number | undefined;
  const last = timeline.messages[timeline.messages.length - 1];
  if (agentHandled && !timeline.abandoned && last?.from === 'agent' && request.random.chance(0.35)) {
    const score = satisfaction(request, timeline.agentResponses);
    const answered = request.random.chance(0.65);
    timeline.survey(score, answered ? 1 : 0);
    if (answered) csatScore = score;
  }
  return { messages: timeline.messages, endMs: timeline.endMs, agent: agentHandled ? agent : undefined, csatScore };
}

type Script = (timeline: Timeline, request: ConversationRequest, agent: AgentProfile) => void;

const OPENING: Record<Scenario, CustomerIntent> = { sales: 'inquiry', logistics: 'logistics', complaint: 'complaint', handoff: 'handoff', faq: 'hours', returns: 'returns' };

const SCRIPTS: Record<Scenario, Script> = {
  sales(t, request, agent) {
    const { random, product } = request;
    if (random.chance(0.2)) {
      t.say('greeting');
      t.botReplies('welcome');
      t.think();
    }
    const inquiry: CustomerIntent & AgentIntent = product.size !== undefined && random.chance(0.6) ? 'inquiry_size' : 'inquiry';
    t.say(inquiry, { asImage: request.photo || random.chance(0.12) });
    const priceWithInquiry = random.chance(0.3);
    if (priceWithInquiry) t.add('price');
    t.agentReplies(agent, priceWithInquiry ? [inquiry, 'price'] : [inquiry]);
    if (!priceWithInquiry && random.chance(0.72)) turn(t, agent, 'price');
    if (random.chance(request.priceSensitive ? 0.9 : 0.22)) {
      t.think();
      t.say('discount');
      if (request.priceSensitive && random.chance(0.4)) t.add('discount');
      t.agentReplies(agent, ['discount']);
    }
    if (product.size !== undefined && random.chance(0.2)) turn(t, agent, 'size_advice');
    if (request.mentionPayment) turn(t, agent, PAYMENT_INTENT[request.mentionPayment]);
    if (request.willBuy) {
      t.think();
      if (random.chance(0.03)) t.more({ type: 'catalog_order', product, quantity: 1 });
      else t.say('buy');
      t.agentReplies(agent, ['buy']);
    } else if (random.chance(0.45)) turn(t, agent, 'followup');
    closing(t, request, agent);
  },

  logistics(t, request, agent) {
    t.say('logistics');
    if (request.random.chance(0.5)) {
      t.botReplies('tracking');
      botClosing(t, request);
      return;
    }
    t.agentReplies(agent, ['logistics']);
    if (request.random.chance(0.3)) turn(t, agent, 'followup');
    closing(t, request, agent);
  },

  complaint(t, request, agent) {
    t.say('complaint');
    if (request.random.chance(0.5)) t.add('unhappy');
    t.agentReplies(agent, ['complaint']);
    closing(t, { ...request, unhappy: request.unhappy || request.random.chance(0.5) }, agent);
  },

  handoff(t, request, agent) {
    t.say('hours');
    t.botReplies('hours');
    t.think();
    t.say('handoff');
    t.agentReplies(agent, ['handoff']);
    turn(t, agent, request.random.pick<CustomerIntent & AgentIntent>(['inquiry', 'returns', 'complaint']));
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
    t.agentReplies(agent, ['returns']);
    if (request.random.chance(0.4)) turn(t, agent, 'followup');
    closing(t, request, agent);
  },
};

/** One question and its answer, after a pause. */
function turn(t: Timeline, agent: AgentProfile, intent: CustomerIntent & AgentIntent): void {
  t.think();
  t.say(intent);
  t.agentReplies(agent, [intent]);
}

/**
 * The end of a chat: thanks or displeasure, answered; or, for a customer about to leave, a last
 * message nobody answers. (A closing left unanswered would merge with the customer's next chat
 * into one turn, so unanswered turns are only those the customer never follows up.)
 */
function closing(t: Timeline, request: ConversationRequest, agent: AgentProfile): void {
  const { random } = request;
  if (request.abandon === 'last_turn') {
    t.think();
    t.say(request.unhappy ? 'unhappy' : 'followup');
    t.abandon();
  } else if (request.unhappy && random.chance(0.7)) {
    turn(t, agent, 'unhappy');
  } else if (random.chance(0.75)) {
    turn(t, agent, 'thanks');
  }
}

function botClosing(t: Timeline, request: ConversationRequest): void {
  if (request.abandon === 'last_turn') {
    t.think();
    t.say(request.unhappy ? 'unhappy' : 'followup');
    t.abandon();
  } else if (request.unhappy && request.random.chance(0.6)) {
    t.think();
    t.say('unhappy');
    t.botReplies('handoff');
  } else if (request.random.chance(0.5)) {
    t.think();
    t.say('thanks');
    t.botReplies('thanks');
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
  score += request.random.normal() * 0.8;
  return Math.min(5, Math.max(1, Math.round(score)));
}
