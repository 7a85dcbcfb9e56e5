import type { SetParamCommand } from '../protocol/messages.ts';
import type { Plant } from '../plant/plant.ts';
import { Station } from '../plant/station.ts';
import { BufferNode } from '../plant/buffer.ts';
import { Delay } from '../plant/delay.ts';
import { Source } from '../plant/source.ts';
import type { ErrorCode } from '../protocol/messages.ts';

/** A command that is well-formed but cannot apply (unknown node, wrong node type, ...). */
export class CommandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/**
 * Applies a live parameter change to the running plant; the caller records it in its
 * model with withParam (protocol/live-edit.ts), so snapshots show it and a reset keeps
 * it. Checks everything before changing anything.
 */
export function applyParam(plant: Plant, cmd: SetParamCommand): void {
  const node = plant.node(cmd.nodeId);
  if (node === undefined) throw new CommandError('not_found', `nodeId: no node "${cmd.nodeId}" in this model`);
  const wrongType = (what: string) => new CommandError('invalid', `field: ${cmd.field} applies to ${what}, not to "${cmd.nodeId}" (a ${node.type})`);
  switch (cmd.field) {
    case 'servers':
      if (!(node instanceof Station)) throw wrongType('machines, batch processes and assembly stations');
      node.setServers(cmd.value);
      break;
    case 'cycle':
      if (!(node instanceof Station)) throw wrongType('machines, batch processes and assembly stations');
      node.setCycle(cmd.value);
      break;
    case 'yield':
      if (!(node instanceof Station)) throw wrongType('machines, batch processes and assembly stations');
      node.setYield(cmd.value);
      break;
    case 'capacity': {
      if (!(node instanceof BufferNode || node instanceof Delay)) throw wrongType('buffers and delays');
      node.setCapacity(cmd.value ?? Number.POSITIVE_INFINITY);
      break;
    }
    case 'interarrival':
      if (!(node instanceof Source)) throw wrongType('sources');
      if (node.unlimited) throw new CommandError('invalid', `field: source "${cmd.nodeId}" is an unlimited supply; it has no interarrival time`);
      node.setInterarrival(cmd.value);
      break;
    case 'time':
      if (!(node instanceof Delay)) throw wrongType('delays');
      node.setTime(cmd.value);
      break;
  }
}

/** Injects or clears an operator breakdown; returns the servers now down by hand. */
export function applyBreakdown(plant: Plant, nodeId: string, down: boolean, server: number | undefined): number {
  const node = plant.node(nodeId);
  if (node === undefined) throw new CommandError('not_found', `nodeId: no node "${nodeId}" in this model`);
  if (!(node instanceof Station)) throw new CommandError('invalid', `nodeId: "${nodeId}" is a ${node.type}; only machines, batch processes and assembly stations break down`);
  if (server !== undefined && server >= node.serverCount) {
    throw new CommandError('invalid', `server: "${nodeId}" has ${node.serverCount} server(s), numbered from 0`);
  }
  node.setBreakdown(down, server);
  return node.brokenDown;
}
