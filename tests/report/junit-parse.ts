/** A parser for the junit.xml plugfest writes (flat, known shape): enough to read it back in tests. */

export interface ParsedCase {
  readonly attributes: Record<string, string>;
  readonly properties: Record<string, string>;
  /** The element a verdict became: failure, error, skipped, system-out; undefined for a pass. */
  readonly outcome?: {
    readonly tag: string;
    readonly attributes: Record<string, string>;
    readonly text: string;
  };
}

export interface ParsedSuite {
  readonly attributes: Record<string, string>;
  readonly cases: ParsedCase[];
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export function attributesOf(text: string): Record<string, string> {
  return Object.fromEntries(
    [...text.matchAll(/([\w.:-]+)="([^"]*)"/g)].map((m) => [m[1]!, unescapeXml(m[2]!)]),
  );
}

export function parseJunit(xml: string): { attributes: Record<string, string>; suites: ParsedSuite[] } {
  const root = /<testsuites ([^>]*)>/.exec(xml);
  if (!root) throw new Error('no <testsuites>');
  const suites = [...xml.matchAll(/<testsuite ([^>]*)>([\s\S]*?)<\/testsuite>/g)].map((suite) => ({
    attributes: attributesOf(suite[1]!),
    cases: [...suite[2]!.matchAll(/<testcase ([^>]*)>([\s\S]*?)<\/testcase>/g)].map((testcase) => {
      const body = testcase[2]!;
      const properties = Object.fromEntries(
        [...body.matchAll(/<property ([^>]*)\/>/g)].map((p) => {
          const a = attributesOf(p[1]!);
          return [a.name!, a.value!];
        }),
      );
      const outcome = /<(failure|error|skipped|system-out)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/.exec(
        body.replace(/<properties>[\s\S]*?<\/properties>/, ''),
      );
      return {
        attributes: attributesOf(testcase[1]!),
        properties,
        ...(outcome
          ? {
              outcome: {
                tag: outcome[1]!,
                attributes: attributesOf(outcome[2] ?? ''),
                text: unescapeXml(outcome[3] ?? ''),
              },
            }
          : {}),
      };
    }),
  }));
  return { attributes: attributesOf(root[1]!), suites };
}
