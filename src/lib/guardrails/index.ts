/** Guardrails: the limits no allocator can break (see types.ts for the rules and their order). */
export * from './types';
export { createGuardrails, pilotDay, type GuardrailState } from './guardrails';
export * from './schema';
export * from './summary';
export { boundChannelBudgets, type ChannelBounds, type ChannelRules } from './channels';
export { frequencyCapsFor, observedFrequency } from './frequency';
export { slotShare, slotWeight, windowAllowance, WINDOW_DAYS } from './pacing';
