// The real-world corpus (third_party/realworld/): each top-level folder checked as one workspace, exactly as
// `istio-lens check --format json <folder>` does, and scored against its expected.json (see its README):
// (a) the share of error+warning findings that are `expected` ones, (b) every `expected` finding reported,
// (c) no `must_not` finding reported, (d) no code reported more often in a file than its `max_count`.
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../server/src/cli/main';
import { processIO, type CliIO } from '../../server/src/cli/io';

export interface FileExpectation {
  expected?: string[];
  acceptable?: string[];
  must_not?: string[];
  max_count?: Record<string, number>;
  templated?: boolean;
}
export interface Finding {
  file: string; // relative to the corpus root, as in expected.json
  code: string;
  severity: string;
  message: string;
  line: number;
}
export interface RepoScore {
  repo: string;
  files: number;
  findings: Finding[]; // error + warning only
  expected: number; // findings whose code the file expects
  acceptable: number;
  reviewed: number; // not in expected.json, but what the cluster answers on apply (review.json)
  unexpected: Finding[]; // neither expected, acceptable nor reviewed
  missed: string[]; // "file: CODE" expected but not reported
  forbidden: Finding[]; // must_not codes reported
  overMax: string[]; // "file: CODE n > max"
  ms: number;
}

export function corpusRoot(repoRoot: string): string {
  return path.join(repoRoot, 'third_party', 'realworld');
}

/** A finding expected.json does not list, reviewed against Istio's source (test/realworld/review.json). */
export interface ReviewedFinding {
  file: string;
  code: string;
  /** The start of the message. */
  message: string;
  why: string;
}

export function loadReview(repoRoot: string): ReviewedFinding[] {
  const text = fs.readFileSync(path.join(repoRoot, 'test', 'realworld', 'review.json'), 'utf8');
  return (JSON.parse(text) as { findings: ReviewedFinding[] }).findings;
}

const isReviewed = (f: Finding, review: readonly ReviewedFinding[]): boolean =>
  review.some((r) => r.file === f.file && r.code === f.code && f.message.startsWith(r.message));

export function loadExpectations(root: string): Record<string, FileExpectation> {
  const json = JSON.parse(fs.readFileSync(path.join(root, 'expected.json'), 'utf8')) as {
    files: Record<string, FileExpectation>;
  };
  return json.files;
}

export function repos(root: string): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

interface JsonDiagnostic {
  file: string;
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number } };
}

/** `istio-lens check --format json <root>/<repo>`, in process; findings of every severity. */
export function checkRepo(root: string, repo: string, extraArgs: readonly string[] = []): JsonDiagnostic[] {
  let out = '';
  const io: CliIO = {
    ...processIO,
    stdout: (t) => {
      out += t;
    },
    stderr: () => undefined,
  };
  const code = main(['check', '--format', 'json', ...extraArgs, path.join(root, repo)], io);
  if (code === 2) throw new Error(`istio-lens check failed on ${repo}`);
  return (JSON.parse(out) as JsonDiagnostic[]).map((d) => ({
    ...d,
    file: path.relative(root, d.file).split(path.sep).join('/'),
  }));
}

export function scoreRepo(
  root: string,
  repo: string,
  expectations: Record<string, FileExpectation>,
  extraArgs: readonly string[] = [],
  review: readonly ReviewedFinding[] = [],
): RepoScore {
  const t0 = performance.now();
  const diags = checkRepo(root, repo, extraArgs);
  const ms = performance.now() - t0;
  const findings: Finding[] = diags
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => ({
      file: d.file,
      code: d.code,
      severity: d.severity,
      message: d.message,
      line: d.range.start.line + 1,
    }));
  const mine = Object.entries(expectations).filter(([f]) => f.startsWith(repo + '/'));
  const score: RepoScore = {
    repo,
    files: mine.length,
    findings,
    expected: 0,
    acceptable: 0,
    reviewed: 0,
    unexpected: [],
    missed: [],
    forbidden: [],
    overMax: [],
    ms,
  };
  const counts = new Map<string, number>();
  for (const f of findings) {
    const e = expectations[f.file] ?? {};
    if (e.expected?.includes(f.code)) score.expected++;
    else if (e.acceptable?.includes(f.code)) score.acceptable++;
    else if (isReviewed(f, review)) score.reviewed++;
    else score.unexpected.push(f);
    if (e.must_not?.includes(f.code)) score.forbidden.push(f);
    const key = `${f.file}: ${f.code}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [file, e] of mine) {
    for (const code of e.expected ?? [])
      if (!counts.has(`${file}: ${code}`)) score.missed.push(`${file}: ${code}`);
    for (const [code, max] of Object.entries(e.max_count ?? {})) {
      const n = counts.get(`${file}: ${code}`) ?? 0;
      if (n > max) score.overMax.push(`${file}: ${code} ${n} > ${max}`);
    }
  }
  return score;
}

/** Share of error+warning findings that are expected ones; 1 when there are none. */
export function expectedShare(s: Pick<RepoScore, 'expected' | 'findings'>): number {
  return s.findings.length ? s.expected / s.findings.length : 1;
}

/** The share counting reviewed findings (the cluster's rejections expected.json does not list) as expected. */
export function reviewedShare(s: Pick<RepoScore, 'expected' | 'reviewed' | 'findings'>): number {
  return s.findings.length ? (s.expected + s.reviewed) / s.findings.length : 1;
}

export function totals(scores: readonly RepoScore[]): {
  findings: number;
  expected: number;
  share: number;
  reviewedShare: number;
} {
  const findings = scores.reduce((n, s) => n + s.findings.length, 0);
  const expected = scores.reduce((n, s) => n + s.expected, 0);
  const reviewed = scores.reduce((n, s) => n + s.reviewed, 0);
  return {
    findings,
    expected,
    share: findings ? expected / findings : 1,
    reviewedShare: findings ? (expected + reviewed) / findings : 1,
  };
}

export function formatTable(scores: readonly RepoScore[]): string {
  const pct = (x: number): string => `${(100 * x).toFixed(0)} %`;
  const rows = [
    [
      'repository',
      'files',
      'err+warn',
      'expected',
      'acceptable',
      'reviewed',
      'other',
      '% expected',
      '% with reviewed',
      'missed',
      'must_not',
      'ms',
    ],
    ...scores.map((s) => [
      s.repo,
      String(s.files),
      String(s.findings.length),
      String(s.expected),
      String(s.acceptable),
      String(s.reviewed),
      String(s.unexpected.length),
      pct(expectedShare(s)),
      pct(reviewedShare(s)),
      String(s.missed.length),
      String(s.forbidden.length),
      s.ms.toFixed(0),
    ]),
  ];
  const t = totals(scores);
  rows.push([
    'total',
    String(scores.reduce((n, s) => n + s.files, 0)),
    String(t.findings),
    String(t.expected),
    String(scores.reduce((n, s) => n + s.acceptable, 0)),
    String(scores.reduce((n, s) => n + s.reviewed, 0)),
    String(scores.reduce((n, s) => n + s.unexpected.length, 0)),
    pct(t.share),
    pct(t.reviewedShare),
    String(scores.reduce((n, s) => n + s.missed.length, 0)),
    String(scores.reduce((n, s) => n + s.forbidden.length, 0)),
    scores.reduce((n, s) => n + s.ms, 0).toFixed(0),
  ]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) => r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '))
    .join('\n');
}
