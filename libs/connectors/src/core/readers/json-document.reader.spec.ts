import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DEFAULT_INPUT_LIMITS, InputLimitError, exceedsJsonDepth } from './input-limits.js';
import {
  DOCUMENT_WHOLE_PARSE_MAX_CHARS,
  type JsonDocumentResult,
  lineAndColumn,
  locateJsonSyntaxError,
  parseJsonDocument,
  parseJsonDocumentInSteps,
  parseJsonDocumentPaced,
} from './json-document.reader.js';

describe('parseJsonDocument', () => {
  it('parses a valid document', () => {
    expect(parseJsonDocument('{"keys":[]}')).toEqual({ ok: true, value: { keys: [] } });
  });

  it("names the line and column of the upstream OCSF sample's trailing comma", () => {
    const text = readFileSync('/work/shared/samples/ocsf/aws_v1.5.0_cloudtrail_api_activity_6003.ocsf.json', 'utf8');
    const result = parseJsonDocument(text);
    expect(result).toEqual({
      ok: false,
      line: 27,
      reason: 'invalid JSON at line 27, column 5 (position 721): Expected double-quoted property name',
    });
  });

  it('calls an unexpected end of input a likely truncation, at the last line', () => {
    const result = parseJsonDocument('{\n  "Records": [\n    {"eventID": "1"}');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe('invalid JSON: unexpected end of input at line 3, column 21 (truncated?)');
  });

  it('keeps the input out of the reason when the parser would quote it', () => {
    const result = parseJsonDocument('{"apiKey": tru}');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).not.toContain('apiKey');
    // A longer text is quoted cut short, with "..." after the quote.
    const long = parseJsonDocument('[[{},[ull,false],"secret-token-value",[[7,"]"]],1]');
    expect(long).toEqual({ ok: false, line: 1, reason: "invalid JSON at line 1, column 7 (position 6): Unexpected token 'u'" });
  });
});

describe('parseJsonDocument positions', () => {
  it('finds the position of an unexpected token that V8 does not locate', () => {
    const result = parseJsonDocument('{\n  "a": 1,\n  "b": tru\n}');
    expect(result).toEqual({ ok: false, line: 3, reason: "invalid JSON at line 3, column 11 (position 22): Unexpected token '\\n'" });
  });
});

describe('lineAndColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });
});

/** The oracle: the document parsed in one piece, as it was before it was parsed in steps. */
function inOnePiece(text: string): JsonDocumentResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const { reason, line } = locateJsonSyntaxError(error, text);
    return line === undefined ? { ok: false, reason } : { ok: false, reason, line };
  }
}

function inSteps(text: string, stepChars: number, maxDepth = 10_000): { result: JsonDocumentResult; pauses: number } {
  const steps = parseJsonDocumentInSteps(text, 'the input', maxDepth, stepChars);
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { result: step.value, pauses };
    pauses += 1;
  }
}

describe('parseJsonDocumentInSteps', () => {
  const stepChars = fc.integer({ min: 1, max: 64 });

  it('builds what JSON.parse builds (values and key order), for any document and step size', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), stepChars, (value, pretty, step) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const { result } = inSteps(text, step);
        expect(result).toEqual({ ok: true, value: JSON.parse(text) });
        expect(JSON.stringify(result.ok && result.value)).toBe(text === undefined ? undefined : JSON.stringify(JSON.parse(text)));
      }),
      { numRuns: 300 },
    );
  });

  it('fails with the reason and line of JSON.parse on the whole text, for any mutilated document and step size', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 5 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ',', '}', ']', '{', '[', '"', ':', 'x', '-', '\\', ' ', '1')), { minLength: 1, maxLength: 3 }),
        stepChars,
        (value, pretty, edits, step) => {
          let text = JSON.stringify(value, null, pretty ? 2 : undefined);
          for (const [cut, insert] of edits) {
            const at = text.length === 0 ? 0 : cut % text.length;
            text = text.slice(0, at) + insert + text.slice(at + 1);
          }
          expect(inSteps(text, step).result).toEqual(inOnePiece(text));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('takes array elements whole, never cut at a "}," inside a string or a nested array, and fails as JSON.parse does', () => {
    const tricky = fc.constantFrom('},', '},{', '"},', '\\', '{', '}', '[', '],');
    const element = fc.record({
      a: fc.oneof(fc.string(), tricky),
      nested: fc.array(fc.record({ b: fc.oneof(tricky, fc.integer()) }), { maxLength: 3 }),
      c: fc.jsonValue({ maxDepth: 2 }),
    });
    fc.assert(
      fc.property(fc.array(element, { maxLength: 12 }), fc.boolean(), fc.boolean(), stepChars, fc.nat(), fc.constantFrom('', '}', ',', '"', '{'), (records, wrap, pretty, step, cut, insert) => {
        const text = JSON.stringify(wrap ? { Records: records, after: records.slice(0, 1) } : records, null, pretty ? 1 : undefined);
        expect(inSteps(text, step).result).toEqual({ ok: true, value: JSON.parse(text) });
        const at = cut % text.length;
        const mutilated = text.slice(0, at) + insert + text.slice(at + 1);
        expect(inSteps(mutilated, step).result).toEqual(inOnePiece(mutilated));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses nesting deeper than the limit exactly when the text nests deeper', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 8 }), stepChars, (value, maxDepth, step) => {
        const text = JSON.stringify(value);
        if (exceedsJsonDepth(text, maxDepth)) expect(() => inSteps(text, step, maxDepth)).toThrow(InputLimitError);
        else expect(inSteps(text, step, maxDepth).result.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a "__proto__" member as data, in a run and as a container entered on its own', () => {
    const text = '{"__proto__": [1, 2, 3, 4, 5, 6, 7, 8], "a": {"__proto__": {"x": 1}}, "b": 2}';
    for (const step of [1, 4, 1000]) {
      const { result } = inSteps(text, step);
      const value = result.ok ? (result.value as Record<string, unknown>) : {};
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value)).toEqual(['__proto__', 'a', 'b']);
      expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });

  it('pauses after every step of text, also inside a member too large for one step', () => {
    const text = JSON.stringify({ Records: Array.from({ length: 4000 }, (_, n) => ({ n, pad: 'x'.repeat(n % 50), tags: [n, { n }] })) });
    const step = 4096;
    const { result, pauses } = inSteps(text, step);
    expect(result.ok && (result.value as { Records: unknown[] }).Records).toHaveLength(4000);
    // Each pause follows at most about two steps of text (a run is cut at the first record boundary past a step).
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(text.length / (2 * step)));
  });

  it('names the line where a document nests too deep', () => {
    expect(() => parseJsonDocument(`{\n"a":\n${'['.repeat(200)}${']'.repeat(200)}}`, 'f.json')).toThrow('f.json: refused at line 3: JSON nested deeper than 128 levels');
  });
});

/** The result of running a parse to its end, or the message of what it threw; and how often it paused. */
function outcome(steps: Generator<void, JsonDocumentResult, void>): { result?: JsonDocumentResult; thrown?: string; pauses: number } {
  let pauses = 0;
  try {
    for (;;) {
      const step = steps.next();
      if (step.done) return { result: step.value, pauses };
      pauses += 1;
    }
  } catch (error) {
    return { thrown: error instanceof InputLimitError ? error.message : `not a refusal: ${String(error)}`, pauses };
  }
}

describe('parseJsonDocumentPaced', () => {
  const tricky = fc.constantFrom('},', '},{', '"},', '\\', '{', '}', '[', '],');
  const record = fc.record({ a: fc.oneof(fc.string(), tricky), nested: fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 3 }) });
  const document = fc.oneof(
    fc.jsonValue({ maxDepth: 6 }),
    fc.array(record, { maxLength: 12 }).map((records) => ({ Records: records })),
  );

  it('gives, for any document under the threshold (valid, mutilated or too deep), exactly what the step parser gives', () => {
    fc.assert(
      fc.property(
        document,
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ',', '}', ']', '{', '[', '"', ':', 'x', '\\', '\n')), { maxLength: 2 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 64 }),
        (value, pretty, edits, maxDepth, step) => {
          let text = JSON.stringify(value, null, pretty ? 2 : undefined);
          for (const [cut, insert] of edits) {
            const at = text.length === 0 ? 0 : cut % text.length;
            text = text.slice(0, at) + insert + text.slice(at + 1);
          }
          const paced = outcome(parseJsonDocumentPaced(text, 'f.json', maxDepth, step));
          const stepped = outcome(parseJsonDocumentInSteps(text, 'f.json', maxDepth, step));
          expect({ result: paced.result, thrown: paced.thrown }).toEqual({ result: stepped.result, thrown: stepped.thrown });
          // Key order and `__proto__` members too.
          if (paced.result?.ok && stepped.result?.ok) expect(JSON.stringify(paced.result.value)).toBe(JSON.stringify(stepped.result.value));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('parses a valid document under the threshold in one piece (one pause, before its records), and a larger one in steps', () => {
    const text = JSON.stringify({ Records: Array.from({ length: 200 }, (_, n) => ({ n, tags: [n, { n }] })) });
    expect(outcome(parseJsonDocumentPaced(text, 'f.json', 128, 1024, text.length)).pauses).toBe(1);
    expect(outcome(parseJsonDocumentPaced(text, 'f.json', 128, 1024, text.length - 1)).pauses).toBeGreaterThan(1);
    expect(DOCUMENT_WHOLE_PARSE_MAX_CHARS).toBeLessThan(DEFAULT_INPUT_LIMITS.maxDocumentChars);
  });

  it('refuses a document under the threshold nested deeper than the limit, naming the line as the step parser does', () => {
    const text = `{\n"a":\n${'['.repeat(128)}${']'.repeat(128)}}`;
    expect(outcome(parseJsonDocumentPaced(text, 'f.json', 128)).thrown).toBe('f.json: refused at line 3: JSON nested deeper than 128 levels');
    expect(outcome(parseJsonDocumentPaced(`{"a":${'['.repeat(127)}${']'.repeat(127)}}`, 'f.json', 128)).result?.ok).toBe(true);
  });

  it('keeps a "__proto__" member as data', () => {
    const { result } = outcome(parseJsonDocumentPaced('{"__proto__": {"x": [1]}, "b": 2}'));
    const value = result?.ok ? (result.value as Record<string, unknown>) : {};
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ x: [1] });
  });
});
