import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSWERS_MODEL, answerScenarioFiles } from '../../server/cli/answers.ts';
import { SCENARIOS_DIR, loadModelWithScenario } from '../../server/files/model-files.ts';
import { currencyOf } from '../../server/protocol/model.ts';

/**
 * The README's generated answers write cost per kWh as "€" (server/cli/answers-render.ts):
 * true only while the answers model and every scenario in the table count money in EUR.
 * If one changes `product.currency`, this fails, rather than the README quietly calling
 * roubles euros: then make the renderer name the answers' currency and run `npm run answers`.
 */
describe('the README answers’ currency', () => {
  it('the answers model and every answers scenario are in EUR, as the generated block says', () => {
    const files = [undefined, ...answerScenarioFiles()];
    for (const file of files) {
      const { model } = loadModelWithScenario(file === undefined ? ANSWERS_MODEL : undefined, file === undefined ? undefined : join(SCENARIOS_DIR, file));
      expect(currencyOf(model), file ?? ANSWERS_MODEL).toBe('EUR');
    }
  });
});
