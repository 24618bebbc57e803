import type { Stage } from './stage.js';

const STAGE_NAME = /^[a-z][a-z0-9-]*$/;

/** The stages pipelines may name, looked up by name. */
export class StageRegistry {
  private readonly byName = new Map<string, Stage>();

  constructor(stages: readonly Stage[]) {
    for (const stage of stages) {
      if (!STAGE_NAME.test(stage.name)) throw new Error(`stage name ${JSON.stringify(stage.name)}: use lower-case letters, digits and dashes`);
      if (this.byName.has(stage.name)) throw new Error(`stage "${stage.name}" is registered twice`);
      this.byName.set(stage.name, stage);
    }
  }

  get(name: string): Stage | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
