// The demo market: 杭州骆家庄农贸市场 (Luojiazhuang farmers' market, Xihu district, Hangzhou).
// Deterministic: the same stalls, vendors, keys, payment channels and batches on every machine;
// only the times depend on when it is seeded. Vendor keys derive from a fixed seed so that the
// PWA's "import demo key" and the tests can use them.
//
// Scenarios, so every verdict colour can be seen:
//   most stalls        registered, valid credential, code published, produce dated today → green
//   A05 刘家水产         a batch failed its rapid test (still anchored, true)   → amber
//   B04 孙记面点         lists flour that arrived 4 days ago: not today's        → amber (PRODUCE_NOT_TODAY)
//   B03 郑记干货         credential revoked AFTER the code was published         → red (HEALTH_REVOKED)
//   B05 钱塘鲜鸡         credential valid for only 3 minutes after seeding; the code was
//                      published while it was valid, so it turns red (HEALTH_EXPIRED) on any
//                      verifier clock later than that — validators would refuse a NEW code now
//   B06 冯家腌菜         registered and credentialed, no code published yet (the vendor's to do)

import { buildEmv, publicKeyFromSecret, sha256, utf8, type Batch, type Bytes, type PaymentChannel, type RapidTest } from '../../src/core';

export type DemoScenario = 'normal' | 'produce-test-failed' | 'stale-produce' | 'health-revoked' | 'health-expired' | 'no-code';

export interface DemoBatch {
  product: string;
  origin: string;
  supplier: string;
  amount: number;
  unit: Batch['unit'];
  /** Days before the seeding day. */
  daysAgo: number;
  test: RapidTest;
}

export interface DemoStall {
  stallNo: string;
  stallName: string;
  vendorName: string;
  /** Latin merchant name for the EMV payload (field 59 is ANS; Chinese goes in template 64). */
  merchantName: string;
  /** 15-digit UnionPay-style merchant id (商户号) in the EMV payload: a shop's, not a card number. */
  merchantId: string;
  scenario: DemoScenario;
  batches: DemoBatch[];
}

const b = (product: string, origin: string, supplier: string, amount: number, unit: Batch['unit'], test: RapidTest = 'pass', daysAgo = 0): DemoBatch => ({
  product,
  origin,
  supplier,
  amount,
  unit,
  daysAgo,
  test,
});

export const DEMO_STALLS: DemoStall[] = [
  {
    stallNo: 'A01', stallName: '张记蔬菜', vendorName: '张建国', merchantName: 'ZHANG JI SHUCAI', merchantId: '833330154110011', scenario: 'normal',
    batches: [b('青菜', '浙江杭州萧山区', '萧山绿源蔬菜合作社', 40, 'kg'), b('西红柿', '山东寿光', '寿光蔬菜批发市场', 60, 'jin'), b('黄瓜', '浙江嘉兴', '嘉兴农丰合作社', 30, 'jin')],
  },
  {
    stallNo: 'A02', stallName: '李家鲜肉', vendorName: '李伟', merchantName: 'LI JIA XIANROU', merchantId: '833330154110029', scenario: 'normal',
    batches: [b('猪肉', '浙江金华', '金华两头乌养殖场', 80, 'kg'), b('排骨', '浙江金华', '金华两头乌养殖场', 20, 'kg')],
  },
  {
    stallNo: 'A03', stallName: '王阿姨豆腐坊', vendorName: '王秀英', merchantName: 'WANG AYI DOUFU', merchantId: '833330154110037', scenario: 'normal',
    batches: [b('嫩豆腐', '浙江杭州西湖区', '王记豆制品作坊', 50, 'jin', 'none'), b('豆腐干', '浙江杭州西湖区', '王记豆制品作坊', 20, 'jin', 'none'), b('黄豆', '黑龙江五常', '五常大豆合作社', 25, 'kg', 'pass')],
  },
  {
    stallNo: 'A04', stallName: '陈记禽蛋', vendorName: '陈志强', merchantName: 'CHEN JI QINDAN', merchantId: '833330154110045', scenario: 'normal',
    batches: [b('土鸡蛋', '浙江临安', '临安山里人家农场', 600, 'piece', 'pass'), b('鸭蛋', '江苏高邮', '高邮湖畔养殖场', 300, 'piece', 'pass')],
  },
  {
    stallNo: 'A05', stallName: '刘家水产', vendorName: '刘海', merchantName: 'LIU JIA SHUICHAN', merchantId: '833330154110052', scenario: 'produce-test-failed',
    batches: [b('草鱼', '浙江湖州', '湖州南太湖渔业合作社', 35, 'kg'), b('基围虾', '浙江舟山', '舟山海鲜批发市场', 12, 'kg', 'fail')],
  },
  {
    stallNo: 'A06', stallName: '赵氏菌菇', vendorName: '赵敏', merchantName: 'ZHAO SHI JUNGU', merchantId: '833330154110060', scenario: 'normal',
    batches: [b('香菇', '浙江丽水庆元', '庆元香菇合作社', 15, 'kg'), b('金针菇', '江苏南京', '南京菌业公司', 20, 'kg')],
  },
  {
    stallNo: 'B01', stallName: '周记水果', vendorName: '周杰', merchantName: 'ZHOU JI SHUIGUO', merchantId: '833330154110078', scenario: 'normal',
    batches: [b('杨梅', '浙江宁波余姚', '余姚杨梅合作社', 30, 'kg'), b('苹果', '陕西洛川', '洛川苹果批发站', 100, 'jin', 'pass')],
  },
  {
    stallNo: 'B02', stallName: '吴家牛羊肉', vendorName: '吴刚', merchantName: 'WU JIA NIUYANGROU', merchantId: '833330154110086', scenario: 'normal',
    batches: [b('牛肉', '内蒙古锡林郭勒', '锡林郭勒草原牧业', 40, 'kg', 'pass'), b('羊肉', '内蒙古锡林郭勒', '锡林郭勒草原牧业', 25, 'kg', 'pass')],
  },
  {
    stallNo: 'B03', stallName: '郑记干货', vendorName: '郑丽', merchantName: 'ZHENG JI GANHUO', merchantId: '833330154110094', scenario: 'health-revoked',
    batches: [b('红枣', '新疆若羌', '若羌红枣合作社', 50, 'jin', 'none', 5), b('木耳', '黑龙江东宁', '东宁黑木耳基地', 10, 'kg', 'none', 5)],
  },
  {
    stallNo: 'B04', stallName: '孙记面点', vendorName: '孙红', merchantName: 'SUN JI MIANDIAN', merchantId: '833330154110102', scenario: 'stale-produce',
    batches: [b('馒头', '浙江杭州西湖区', '孙记自制', 200, 'piece', 'none'), b('面粉', '河南周口', '周口面粉厂', 50, 'kg', 'pass', 4)],
  },
  {
    stallNo: 'B05', stallName: '钱塘鲜鸡', vendorName: '钱明', merchantName: 'QIANTANG XIANJI', merchantId: '833330154110110', scenario: 'health-expired',
    batches: [b('三黄鸡', '浙江萧山', '萧山家禽养殖场', 30, 'piece')],
  },
  {
    stallNo: 'B06', stallName: '冯家腌菜', vendorName: '冯芳', merchantName: 'FENG JIA YANCAI', merchantId: '833330154110128', scenario: 'no-code',
    batches: [b('雪菜', '浙江宁波', '宁波雪菜厂', 20, 'kg', 'none', 7)],
  },
];

/** Stable demo key of a stall's vendor: SHA-256 of a fixed seed string. Demo only — never for real vendors. */
export function demoVendorKey(stallNo: string): { secretKey: Bytes; publicKey: Bytes } {
  const secretKey = sha256(utf8(`sanma-demo/luojiazhuang/vendor/${stallNo}`));
  return { secretKey, publicKey: publicKeyFromSecret(secretKey) };
}

/** A UnionPay-style EMV merchant-presented payload (built and CRC'd by core buildEmv). */
export function demoEmv(s: DemoStall): string {
  return buildEmv([
    { id: '00', value: '01' },
    { id: '01', value: '11' },
    { id: '29', value: '', subfields: [{ id: '00', value: 'A000000333010101' }, { id: '01', value: s.merchantId }] },
    { id: '52', value: '5411' },
    { id: '53', value: '156' },
    { id: '58', value: 'CN' },
    { id: '59', value: s.merchantName },
    { id: '60', value: 'HANGZHOU' },
    { id: '64', value: '', subfields: [{ id: '00', value: 'ZH' }, { id: '01', value: s.stallName }, { id: '02', value: '杭州' }] },
  ]);
}

/** Made-up, real-shaped ids: `n` characters from a fixed seed, so every machine has the same demo. */
function demoId(seed: string, alphabet: string, n: number): string {
  const bytes = sha256(utf8(`sanma-demo/luojiazhuang/${seed}`));
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return out;
}

const BASE64URLISH = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The stall's payment channels, shaped like the codes the apps print (src/core/payment.ts):
 * WeChat Pay wxp://f2f0…, and Alipay https://qr.alipay.com/fkx… — except A02, which takes
 * UnionPay 云闪付's https://qr.95516.com/… instead, so each hand-off can be seen — and a bank
 * EMV payload. The ids are made up: scanning them in the real apps pays no one.
 */
export function demoChannels(s: DemoStall): PaymentChannel[] {
  const wechat: PaymentChannel = { type: 'url', label: '微信支付', value: `wxp://f2f0${demoId(`wechat/${s.stallNo}`, BASE64URLISH, 32)}` };
  const second: PaymentChannel =
    s.stallNo === 'A02'
      ? { type: 'url', label: '云闪付', value: `https://qr.95516.com/00010000/0111${demoId(`unionpay/${s.stallNo}`, '0123456789', 28)}` }
      : { type: 'url', label: '支付宝', value: `https://qr.alipay.com/fkx${demoId(`alipay/${s.stallNo}`, LOWER_ALNUM, 20)}` };
  return [wechat, second, { type: 'emv', label: '银联云闪付', value: demoEmv(s) }];
}

/** Day number (days since 1970-01-01) of the calendar date in Hangzhou (UTC+8, no DST). */
function hangzhouDay(ms: number): number {
  return Math.floor((ms + 8 * 3_600_000) / 86_400_000);
}

export function demoBatches(s: DemoStall, now: number): Batch[] {
  const today = hangzhouDay(now);
  return s.batches.map((x) => ({ product: x.product, origin: x.origin, supplier: x.supplier, amount: x.amount, unit: x.unit, day: today - x.daysAgo, test: x.test }));
}

export function demoCredentialNo(s: DemoStall): string {
  return `浙健证330106-2026-${s.merchantId.slice(-4)}`;
}
