import * as z from 'zod/mini';
import { OPTION_IDS, type OptionId } from '../core/options.js';
import { conditionSchema } from './schema.js';

/**
 * tco.yaml: people's time beyond the bill (operations, on-call, upgrades per option, scaled by the
 * team's maturity). The engine prices it as a line of every option, and the report explains it.
 */

const text = () => z.string().check(z.minLength(1));
const hours = () => z.number().check(z.gte(0));
const optionId = z.enum(OPTION_IDS);

const byOption = <T extends z.ZodMiniType>(value: T) =>
  z.strictObject(Object.fromEntries(OPTION_IDS.map((id) => [id, value])) as Record<OptionId, T>);

export const tcoSchema = z.strictObject({
  engineerUsdPerHour: z.strictObject({ value: z.number().check(z.positive()), note: text() }),
  maturityFactor: z.strictObject({ low: hours(), medium: hours(), high: hours() }),
  maturityNote: text(),
  /**
   * Power usage effectiveness of the room own servers stand in: facility power over IT power
   * (cooling, power distribution). Multiplies the servers' electricity.
   */
  powerUsageEffectiveness: z.strictObject({
    value: z.number().check(z.gte(1), z.lte(3)),
    note: text(),
    source: z.strictObject({ url: text(), title: text(), checked: text() }),
  }),
  options: byOption(
    z.strictObject({
      hours: z.strictObject({ operations: hours(), onCall: hours(), upgrades: hours() }),
      note: text(),
    }),
  ),
  adjustments: z.array(
    z.strictObject({
      when: conditionSchema,
      options: z.array(optionId).check(z.minLength(1)),
      factor: z.number().check(z.positive()),
      because: text(),
    }),
  ),
});
export type TcoData = z.infer<typeof tcoSchema>;
