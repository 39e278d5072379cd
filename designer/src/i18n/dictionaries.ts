import { zhCNApp, zhCNTypeTitles } from './zh-CN-app.js';
import { zhCNCatalogAdmin } from './zh-CN-catalog-admin.js';
import { zhCNHotline } from './zh-CN-hotline.js';
import { zhCNFormJs } from './zh-CN-form-js.js';
import { zhCNHotlineIntake } from './zh-CN-hotline-intake.js';
import { zhCNDecisions } from './zh-CN-decisions.js';
import { zhCNInterchange } from './zh-CN-interchange.js';
import { zhCNMonitor } from './zh-CN-monitor.js';
import { zhCNOperations } from './zh-CN-operations.js';
import { zhCN } from './zh-CN.js';

/**
 * The Chinese dictionaries, one per area. Their keys share one namespace: a key in two of them must
 * mean the same (test/unit/designer/i18n-dictionaries.test.ts), or the later would silently win.
 */
export const ZH_CN_DICTIONARIES: Record<string, Record<string, string>> = {
  zhCNTypeTitles,
  zhCN,
  zhCNApp,
  zhCNOperations,
  zhCNDecisions,
  zhCNInterchange,
  zhCNMonitor,
  zhCNCatalogAdmin,
  zhCNHotline,
  zhCNFormJs,
  zhCNHotlineIntake,
};
