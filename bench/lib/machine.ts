// What the numbers were measured on: published with every result (README "the numbers").

import os from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string | null;
  /** 1-minute load average when the bench started: other work on the machine skews the numbers. */
  loadAverageAtStart: number;
}

export function machineInfo(chromium: string | null, loadAverageAtStart: number): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
    loadAverageAtStart: Math.round(loadAverageAtStart * 100) / 100,
  };
}
