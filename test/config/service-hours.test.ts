import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { projectPath } from '../../src/paths.js';

function loadService(service: unknown) {
  const file = join(mkdtempSync(join(tmpdir(), 'scrm-service-')), 'scrm.config.json');
  writeFileSync(file, JSON.stringify({ service }));
  return loadConfig(file, {}, {});
}

describe('config service (opening hours, holidays, teams)', () => {
  it('is open around the clock without opening hours', () => {
    const { opening_hours, holidays, teams } = loadService({}).service;
    expect(Object.values(opening_hours)).toEqual(Array(7).fill([{ open_s: 0, close_s: 86400 }]));
    expect(holidays).toEqual([]);
    expect(teams).toEqual({});
  });

  it('reads intervals as seconds after local midnight and closes the weekdays left out', () => {
    const { opening_hours } = loadService({ opening_hours: { mon: ['13:30-24:00', '08:00-12:15'] } }).service;
    expect(opening_hours.mon).toEqual([
      { open_s: 48600, close_s: 86400 },
      { open_s: 28800, close_s: 44100 },
    ]);
    expect(opening_hours.sun).toEqual([]);
  });

  it.each([
    [{ opening_hours: { tue: ['22:00-06:00'] } }, 'service.opening_hours.tue.0: "22:00-06:00" closes before it opens'],
    [{ opening_hours: { wed: ['09:00-12:00', '11:00-18:00'] } }, 'service.opening_hours.wed: opening hours of one day overlap'],
    [{ opening_hours: { thu: ['9-18'] } }, 'service.opening_hours.thu.0: expected opening hours like "09:00-18:00"'],
    [{ opening_hours: { monday: ['09:00-18:00'] } }, 'service.opening_hours: unknown key "monday"'],
    [{ holidays: ['2026-02-30'] }, 'service.holidays.0: expected a local date like "2026-12-25"'],
    [{ teams: { front: ['ag1'], back: ['ag2', 'ag1'] } }, 'service.teams.back.1: agent "ag1" is already in team "front"'],
    [{ teams: { front: [] } }, 'service.teams.front: a team needs at least one agent id'],
  ])('rejects %j naming the key', (service, message) => {
    expect(() => loadService(service)).toThrow(message);
  });

  it('accepts the example configuration', () => {
    const config = loadConfig(projectPath('scrm.config.example.json'), {}, {});
    expect(config.service.teams.front_desk).toEqual(['agent_01', 'agent_02']);
    expect(config.service.opening_hours.sun).toEqual([]);
  });
});
