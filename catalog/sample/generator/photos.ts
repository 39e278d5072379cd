// Photo evidence of the 协同事项 operating standards (作业规范): what to photograph before the work
// and after it, by the kind of site. Illustrative, in the manner of local 智网 and 城管 handling norms.

export interface PhotoProfile { before: string[]; after: string[] }

export const PHOTO_PROFILES: Record<string, PhotoProfile> = {
  site: {
    before: ['问题现场全景照片（含可辨认位置的参照物）', '问题部位近景照片'],
    after: ['同一位置、同一角度的处置后全景照片', '处置部位近景照片'],
  },
  road: {
    before: ['设施损坏部位近景照片', '周边通行环境照片（含围蔽警示）'],
    after: ['修复后同一角度照片', '恢复通行后的全景照片'],
  },
  green: {
    before: ['待处置树木、绿地全景照片', '受损部位近景照片'],
    after: ['修剪、清理或补植后同一角度照片'],
  },
  build: {
    before: ['违法建设或隐患部位全景照片', '搭建、施工细节照片'],
    after: ['拆除、停工或整改后同一角度照片', '建筑垃圾清运后的现场照片'],
  },
  shop: {
    before: ['经营场所门头照片', '问题商品、设施或部位照片'],
    after: ['整改后场所照片', '执法文书或整改通知送达照片'],
  },
  equip: {
    before: ['设备铭牌和使用登记标志照片', '故障或隐患部位照片'],
    after: ['修复或停用封存后的照片', '检验合格标志或维保记录照片'],
  },
  hazard: {
    before: ['隐患部位照片', '周边环境及警戒措施照片'],
    after: ['整改后同一部位照片', '复查现场照片'],
  },
  pollution: {
    before: ['排放口或污染现场照片', '监测或采样过程照片'],
    after: ['停止排放或整改后同一角度照片', '复查监测照片'],
  },
  water: {
    before: ['积水、堵塞、破损或污染部位照片', '周边警示措施照片'],
    after: ['疏通、修复或清理后同一角度照片'],
  },
  utility: {
    before: ['设施故障部位照片', '安全隔离措施照片'],
    after: ['抢修完成后同一角度照片', '恢复供应或通行后的现场照片'],
  },
  visit: {
    before: ['走访现场照片（不拍摄当事人面部）'],
    after: ['帮扶、服务落实后的现场照片（不拍摄当事人面部）'],
  },
  none: {
    before: ['问题页面、办事凭证或现场截图'],
    after: ['办结凭证、系统恢复或答复记录截图'],
  },
};
