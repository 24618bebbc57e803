/**
 * The shop's responders: agents with their own speed (log-normal response times) and a bot that
 * answers in seconds. Two agents are slow on purpose (mean above 6 minutes).
 */
import { WeightedTable, type Random } from './random.js';

export interface AgentProfile {
  id: string;
  name: string;
  /** Median seconds from a customer's turn to this agent's reply. */
  medianS: number;
  /** Standard deviation of the log of the response time. */
  sigma: number;
  /** Share of conversations this agent takes, relative to the others. */
  weight: number;
  /** Share of turns this agent overlooks and answers only much later (tens of minutes). */
  lateShare: number;
}

export const AGENTS: readonly AgentProfile[] = [
  { id: 'agent_01', name: 'Lucía', medianS: 190, sigma: 0.55, weight: 1.2, lateShare: 0.003 },
  { id: 'agent_02', name: 'Carlos', medianS: 225, sigma: 0.55, weight: 1.1, lateShare: 0.003 },
  { id: 'agent_03', name: 'Wing', medianS: 250, sigma: 0.6, weight: 1, lateShare: 0.003 },
  { id: 'agent_04', name: 'Mei', medianS: 250, sigma: 0.55, weight: 1, lateShare: 0.003 },
  { id: 'agent_05', name: 'Javier', medianS: 330, sigma: 0.85, weight: 0.8, lateShare: 0.025 },
  { id: 'agent_06', name: 'Kelvin', medianS: 300, sigma: 0.75, weight: 0.8, lateShare: 0.025 },
];

/** The bot's reply delay: a few seconds. */
export const BOT_MEDIAN_S = 4;
const BOT_SIGMA = 0.35;

const AGENT_TABLE = new WeightedTable(AGENTS.map((agent) => [agent, agent.weight] as const));

export function drawAgent(random: Random): AgentProfile {
  return AGENT_TABLE.draw(random);
}

const LATE_MEDIAN_S = 40 * 60;
const LATE_SIGMA = 0.8;

/** Seconds until the agent answers a turn (at least 15 s: typing takes time). */
export function agentResponseSeconds(agent: AgentProfile, random: Random): number {
  const seconds = Math.max(15, random.logNormal(agent.medianS, agent.sigma));
  return random.chance(agent.lateShare) ? seconds + random.logNormal(LATE_MEDIAN_S, LATE_SIGMA) : seconds;
}

export function botResponseSeconds(random: Random): number {
  return Math.max(1, random.logNormal(BOT_MEDIAN_S, BOT_SIGMA));
}

/** Expected response time: the log-normal mean, median · e^(σ²/2), plus the overlooked turns. */
export function designedMeanSeconds(agent: AgentProfile): number {
  const logNormalMean = (median: number, sigma: number) => median * Math.exp((sigma * sigma) / 2);
  return logNormalMean(agent.medianS, agent.sigma) + agent.lateShare * logNormalMean(LATE_MEDIAN_S, LATE_SIGMA);
}
