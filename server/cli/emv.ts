// `sanma emv <payload>`: what a bank app would make of an EMV merchant-presented QR payload
// (core parseEmv): fields, warnings and errors as JSON. Exit 0 when it parses (warnings allowed),
// 2 when a bank app would refuse it.

import { tryParseEmv } from '../../src/core';
import { parse, printJson, UsageError, type Command } from './command';

export const emvCommand: Command = {
  name: 'emv',
  usage: `sanma emv <payload>

Parses an EMV merchant-presented QR payload (EMVCo MPM) the way Sanma validators do and prints
{"valid", "crc", "merchantName", "merchantCity", "fields", "warnings"} or {"valid": false, "error",
"message"} as JSON.

Exit status: 0 valid (warnings allowed), 2 invalid, 64 usage error.`,
  async run(argv) {
    const { positionals } = parse(argv, { help: { type: 'boolean', short: 'h' } }, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one payload argument (quote it)');
    const result = tryParseEmv(positionals[0]!);
    if (!result.ok) {
      printJson({ valid: false, error: result.code, message: result.message });
      return 2;
    }
    const p = result.value;
    printJson({
      valid: true,
      crc: p.crc,
      merchantName: p.merchantName,
      merchantCity: p.merchantCity,
      countryCode: p.countryCode,
      currency: p.currency,
      amount: p.amount,
      merchantAccounts: p.merchantAccounts,
      alternateLanguage: p.alternateLanguage,
      fields: p.fields,
      warnings: p.warnings,
    });
    return 0;
  },
};
