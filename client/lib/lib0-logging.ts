/**
 * The part of lib0/logging that Yjs calls (print and warn with colour markers), for the client build.
 * lib0's browser logging imports lib0/dom, and lib0/dom imports lib0/schema: 8 KB of the board page's
 * first JavaScript for two console messages. vite.config.ts aliases 'lib0/logging' here; Node (server,
 * tests) keeps lib0's own. The markers are only compared by identity, so plain symbols do.
 */
export const BOLD = Symbol('bold');
export const UNBOLD = Symbol('unbold');
export const BLUE = Symbol('blue');
export const GREY = Symbol('grey');
export const GREEN = Symbol('green');
export const RED = Symbol('red');
export const PURPLE = Symbol('purple');
export const ORANGE = Symbol('orange');
export const UNCOLOR = Symbol('uncolor');

const text = (args: unknown[]) => args.filter((a) => typeof a !== 'symbol');

export const print = (...args: unknown[]): void => console.log(...text(args));
export const warn = (...args: unknown[]): void => console.warn(...text(args));
