export interface ExpectedEntity {
  entity_id: string | null;
  entity_name: string | null;
  spend: number | null;
  impressions: number | null;
  reach?: number | null;
  clicks: number | null;
  conversions: number | null;
  conversion_value: number | null;
  roas: number | null;
  optional?: boolean;
}

export interface ExpectedReading {
  url: string;
  platform: string;
  account_id: string | null;
  account_name: string | null;
  level: string | null;
  date_start: string | null;
  date_end: string | null;
  currency: string | null;
  entities: ExpectedEntity[];
  demo?: boolean;
}

export interface FixturePage {
  platform: string;
  name: string;
  htmlPath: string;
  html: string;
  expected: ExpectedReading;
}

export const FIXTURE_ROOT: string;
export function listFixturePages(root?: string): FixturePage[];
export function listPagesInDir(dir: string): FixturePage[];
