import { describe, expect, it } from 'vitest';
import { parseLoadtestArgs } from '../bench/loadtest-args.ts';

const error = (argv: string[]) => {
  const r = parseLoadtestArgs(argv);
  return 'error' in r ? r.error : null;
};

describe('npm run loadtest: options are checked before anything starts', () => {
  it('takes the documented options, with their defaults', () => {
    const r = parseLoadtestArgs(['--viewers', '1000', '--gateways', '2', '--speed', '60', '--client', 'socket.io']);
    expect(r).toEqual({ args: expect.objectContaining({ viewers: '1000', gateways: '2', speed: '60', client: 'socket.io', seconds: '15', processes: '2', help: false }) });
    expect(parseLoadtestArgs(['--training', '--trainees', '30', '--pace', '60', '--script', 'cathode-coater-down'])).toHaveProperty('args.training', true);
  });

  it('refuses a wrong option or value naming it and the reason', () => {
    expect(error(['--viewer', '5'])).toBe("Unknown option '--viewer'");
    expect(error(['--viewers', 'abc'])).toBe('--viewers: must be a whole number >= 1, got "abc"');
    expect(error(['--viewers', '0'])).toBe('--viewers: must be a whole number >= 1, got "0"');
    expect(error(['--seconds', '2.5'])).toBe('--seconds: must be a whole number >= 1, got "2.5"');
    expect(error(['--gateways', 'two'])).toBe('--gateways: must be a whole number >= 0, got "two"');
    expect(error(['--speed', 'fast'])).toBe('--speed: must be "max" or a pace above 0 (times real time), got "fast"');
    expect(error(['--speed', '0'])).toBe('--speed: must be "max" or a pace above 0 (times real time), got "0"');
    expect(error(['--client', 'x'])).toBe('--client: must be one of light, socket.io, got "x"');
    expect(error(['--training', '--pace', '-3'])).toMatch(/--pace/);
    expect(error(['--viewers'])).toMatch(/--viewers/);
  });

  it('--help is an option, not an error', () => {
    expect(parseLoadtestArgs(['--help'])).toHaveProperty('args.help', true);
  });
});
