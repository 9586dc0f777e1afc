import { GLOSSARY } from '@postureboard/domain';
import type { KeyPoint } from '../summary/key-points.js';
import type { Messages } from './messages.js';
import type { ReportFormatter } from './report-formatter.js';

/** The product's words (one glossary with the web app): domains, bands, kinds, metrics. */
const WORDS = GLOSSARY.ko;
const DOMAINS = WORDS.domains;

const BANDS: Record<string, string> = WORDS.bands;

function keyPoint(point: KeyPoint, f: ReportFormatter): { title: string; body: string } {
  switch (point.kind) {
    case 'LEAVER_ACCESS':
      return {
        title: `퇴사자 ${f.integer(point.leavers)}명이 아직 접근 권한을 보유하고 있습니다`,
        body:
          point.usedAfterTermination > 0
            ? `이 중 ${f.integer(point.usedAfterTermination)}명은 퇴사 후에도 접근 권한을 사용했으며, 이동한 데이터는 모두 ${f.bytes(point.bytesAfterTermination)}입니다. 가장 활발한 사람은 퇴사 후 ${f.integer(point.worstDays)}일이 지난 ${point.worstName}입니다. 해당 계정·토큰·키를 즉시 회수해야 합니다.`
            : `퇴사 후 사용 기록은 없지만 남아 있는 접근 권한은 그 자체로 노출입니다. 가장 오래된 경우는 ${point.worstName}으로, 퇴사 후 ${f.integer(point.worstDays)}일이 지났습니다.`,
      };
    case 'BULK_EXTRACTION':
      return {
        title: `평소보다 훨씬 많은 대량 데이터 반출 ${f.integer(point.anomalies)}건`,
        body: `가장 큰 건은 ${f.date(point.startedOn)}에 시작되었고(주체: ${point.principal}) 최근 ${f.integer(point.windowDays)}일 동안 반출량은 ${f.bytes(point.totalBytes)}, 하루 최대 ${f.bytes(point.peakBytes)}입니다. 자격 증명이 유효하다고 해서 반출량이 정당한 것은 아닙니다. 업무상 사유를 확인하거나 접근을 차단해야 합니다.`,
      };
    case 'ROTATION_OVERDUE':
      return {
        title: `교체 기한이 지난 키 ${f.integer(point.overdueKeys)}개`,
        body: `${f.integer(point.teams)}개 팀에 걸쳐 있으며, 가장 심한 키는 기한을 ${f.integer(point.maxDaysOverdue)}일 넘겼습니다.${
          point.oldestKeyAgeDays !== null ? ` 사용 중인 가장 오래된 키는 생성된 지 ${f.integer(point.oldestKeyAgeDays)}일이 되었습니다${point.oldestKeyTeam ? `(${point.oldestKeyTeam})` : ''}.` : ''
        } 한 번도 교체되지 않은 키로 서명된 토큰은 공격자에게도 계속 유효합니다.`,
      };
    case 'CRITICAL_FINDINGS':
      return {
        title: `심각 등급 발견사항 ${f.integer(point.critical)}건 미해결`,
        body: `가장 심각한 항목: ${point.title} (${point.ownerTeam ? `담당: ${point.ownerTeam}` : '담당 팀 없음'}).`,
      };
    case 'UNAPPROVED_COUNTRIES':
      return {
        title: point.countries.length > 0 ? `승인되지 않은 국가 ${f.integer(point.countries.length)}곳에서의 접근` : '승인 없는 국외 운영 환경 접근',
        body: [
          point.countries.length > 0
            ? `승인 목록에 없는 ${point.countries.map((c) => f.country(c)).join(', ')}에서 ${f.integer(point.events)}건의 접근과 ${f.bytes(point.bytes)}의 데이터 이동이 있었습니다.`
            : '',
          point.unapprovedIdentities > 0 ? `해외 근무자 ${f.integer(point.unapprovedIdentities)}명이 승인 기록 없이 운영 환경 접근 권한을 보유하고 있습니다.` : '',
        ]
          .filter(Boolean)
          .join(' '),
      };
    case 'SCORE_DROP':
      return { title: `거버넌스 점수가 ${f.score(Math.abs(point.change))}점 하락했습니다`, body: '직전 보고 이후 종합 점수가 떨어졌습니다. 어느 영역에서 떨어졌는지는 영역별 점수표에 있습니다.' };
    case 'SCORE_RISE':
      return { title: `거버넌스 점수가 ${f.score(point.change)}점 상승했습니다`, body: '직전 보고 이후 종합 점수가 올랐습니다. 남은 발견사항의 담당자가 기한을 지키도록 관리해야 합니다.' };
    case 'BLIND_SPOTS':
      return {
        title: '보이지 않는 영역이 있습니다',
        body: [
          point.notMeasured.length > 0 ? `측정되지 않은 영역: ${point.notMeasured.map((d) => DOMAINS[d]).join(', ')}.` : '',
          point.staleSources.length > 0 ? `갱신이 지연된 데이터 소스: ${point.staleSources.join(', ')}.` : '',
          '측정되지 않은 것을 안전하다고 말할 수는 없습니다.',
        ]
          .filter(Boolean)
          .join(' '),
      };
    case 'SPEND_VS_GOVERNANCE':
      return {
        title: point.spendBelowBenchmark ? '보안 예산은 기준에 못 미치지만, 예산만으로 거버넌스가 해결되지는 않습니다' : '예산은 기준을 충족하지만 거버넌스는 그렇지 못합니다',
        body: `보안 예산은 IT 예산의 ${f.percent(point.securityToItRatio)}로 기준(${f.percent(point.itBenchmark, 0)})과 비교되며, 거버넌스 점수는 ${f.score(point.score)}점(${BANDS[point.band] ?? point.band})입니다. 위의 문제들은 예산이 아니라 책임과 절차의 실패입니다.`,
      };
    case 'WEAKEST_DOMAIN':
      return { title: `${DOMAINS[point.domain]} 영역이 가장 미흡합니다`, body: `100점 만점에 ${f.score(point.score)}점(${BANDS[point.band] ?? point.band})입니다.` };
    case 'NO_LEAVER_ACCESS':
      return { title: '접근 권한이 남은 퇴사자가 없습니다', body: '기록된 모든 퇴사자의 계정·토큰·키가 회수되었습니다.' };
    case 'ROTATION_WITHIN_POLICY':
      return { title: '모든 키가 교체 정책을 지키고 있습니다', body: `${f.integer(point.keys)}개의 키가 교체 주기 안에 있습니다.` };
  }
}

export const KO: Messages = {
  languageName: '한국어',
  reportTitle: '이사회 보고: 보안 거버넌스 현황',
  reportSubtitle: '키·사람·데이터 접근을 측정하고, 보안 예산과 나란히 봅니다',
  defaultClassification: '대외비: 이사회 및 감사위원회 한정',
  preparedBy: '조직의 원천 시스템 데이터로 Postureboard가 작성했습니다.',
  cover: {
    organization: '조직',
    period: '보고 기간',
    asOf: '데이터 기준일',
    generatedAt: '작성 일시',
    generatedBy: '작성자',
    classification: '보안 등급',
    language: '언어',
    overall: '종합 거버넌스 점수',
    evaluatedAt: '평가 시각',
  },
  evaluated: (at, pending) => (pending ? `${at} (더 최신 평가 대기 중)` : at),
  notEvaluated: '아직 평가되지 않음',
  periodRange: (from, to) => `${from} ~ ${to}`,
  changeSince: (change, since) => `${since} 대비 ${change}점`,
  pageOf: (page, total) => `${page}쪽 / 전체 ${total}쪽`,
  footer: (generatedAt, asOf) => `작성 ${generatedAt} · 데이터 기준 ${asOf}`,
  contents: '목차',
  sections: {
    summary: '요약',
    spend: '보안 예산과 거버넌스',
    scores: '거버넌스 점수와 추이',
    risks: '주요 위험',
    rotation: '팀별 키 교체 현황',
    leavers: '접근 권한이 남은 퇴사자',
    crossBorder: '국외 접근과 대량 데이터 반출',
    completeness: '데이터 완전성',
    appendix: '부록: 통제 프레임워크 매핑',
    explanations: '부록: 점수 구성',
  },
  domains: DOMAINS,
  domainDescriptions: {
    KEY_MANAGEMENT: '키와 자격 증명이 정책에 따라 교체되고, 소유자가 있으며, 실제로 쓰이는지.',
    ACCESS_GOVERNANCE: '접근 권한 검토가 제때 충실히 이루어지고, 퇴사자의 권한이 모두 회수되는지.',
    CROSS_BORDER_ACCESS: '승인된 국가에서만 접근하고, 국외 접근은 승인을 받았는지.',
    DETECTION: '로그가 수집되고 최신이며, 이상 징후가 후속 조치되는지.',
  },
  bands: BANDS,
  severities: WORDS.severities,
  findingStatuses: WORDS.findingStatuses,
  findingKinds: WORDS.findingKinds,
  freshness: WORDS.freshness,
  benchmarkStatuses: { BELOW: '기준 미달', MEETS: '기준 충족', WITHIN: '기준 범위 내', ABOVE: '기준 초과' },
  notMeasured: WORDS.bands.NONE,
  notMeasuredNote: '데이터가 없는 영역은 “측정되지 않음”으로 표시합니다. 0점이나 100점으로 계산하지 않으며 종합 점수에서도 제외합니다.',
  unowned: '담당 팀 없음',
  internalNetwork: '내부망',
  yes: '예',
  no: '아니요',
  none: '없음',
  summary: {
    overall: (score, band) => `종합 거버넌스 점수는 100점 만점에 ${score}점으로 ‘${band}’ 등급입니다.`,
    noOverall: '어느 거버넌스 영역도 측정되지 않아 종합 점수가 없습니다.',
    change: (direction, points, since, basis) => {
      const base = basis === 'PREVIOUS_REPORT' ? `직전 보고(데이터 기준 ${since}) 대비` : `일주일 전(${since}) 대비`;
      return direction === 'flat' ? `${base} 변동이 없습니다.` : `${base} ${points}점 ${direction === 'up' ? '상승' : '하락'}했습니다.`;
    },
    noChange: (basis) => (basis === 'PREVIOUS_REPORT' ? '직전 보고 시점의 저장된 점수가 없어 변화를 표시하지 않습니다.' : '일주일 전에 저장된 점수가 없어 변화를 표시하지 않습니다.'),
    findings: (total, critical, high) => `미해결 발견사항은 ${total}건이며, 이 중 심각 ${critical}건, 높음 ${high}건입니다.`,
    keyPointsHeading: '가장 중요한 세 가지',
    domainsHeading: '영역별 점수',
    tiles: {
      critical: '심각 발견사항',
      ofOpen: (total) => `미해결 ${total}건 중`,
      overdueKeys: '교체 기한이 지난 키',
      inTeams: (teams) => `${teams}개 팀`,
      leavers: '접근 권한이 남은 퇴사자',
      usedAfter: (n) => `${n}명은 퇴사 후 사용`,
      spend: 'IT 예산 대비 보안 예산',
    },
    keyPoint,
  },
  spend: {
    intro: '예산과 거버넌스는 섞지 않고 나란히 보여 줍니다. 예산은 많은데 거버넌스가 약한 경우, 또는 그 반대의 경우가 한눈에 보여야 하기 때문입니다.',
    noBudget: '이 조직에는 기록된 예산이 없어 예산과 거버넌스를 비교할 수 없습니다.',
    budgetTable: { fiscalYear: '회계연도', itSpend: 'IT 예산', securitySpend: '보안 예산', revenue: '매출' },
    ratioSecurityIt: 'IT 예산 대비 보안 예산',
    ratioSecurityRevenue: '매출 대비 보안 예산',
    benchmark: (value) => `기준 ${value}`,
    chartTitle: '회계연도별 보안 예산과 거버넌스 점수',
    chartXAxis: 'IT 예산 대비 보안 예산 비율',
    chartYAxis: '거버넌스 점수',
    chartBenchmark: '기준',
    chartNoPoints: '예산과 저장된 점수가 모두 있는 회계연도가 없습니다.',
    reading: (ratio, benchmark, score, band) => `보안 예산은 IT 예산의 ${ratio}(기준 ${benchmark})이고, 거버넌스 점수는 ${score}점(${band})입니다.`,
  },
  scores: {
    intro: '각 영역은 측정된 사실로 0~100점을 매기며, 모든 숫자는 Postureboard의 발견사항과 원천 기록으로 추적할 수 있습니다.',
    columns: { domain: '영역', score: '점수', band: '등급', change: '변화', findings: '미해결 발견사항' },
    findingsCell: (critical, high, total) => `${total}건 (심각 ${critical}, 높음 ${high})`,
    trend12: '최근 12주',
    trend52: '최근 52주',
    overall: '종합',
    noHistory: '저장된 이력이 아직 없습니다.',
  },
  risks: {
    intro: '노출이 가장 큰 미해결 발견사항을 심각한 순서로, 담당 팀과 조치 기한과 함께 보여 줍니다.',
    columns: { rank: '#', risk: '위험', severity: '심각도', owner: '담당', age: '경과', due: '기한' },
    ageDays: (days) => `${days}일`,
    notTracked: '이 날짜에는 아직 추적 전',
    overdue: '기한 초과',
    empty: '미해결 발견사항이 없습니다.',
  },
  rotation: {
    intro: '담당 팀별로 키와 자격 증명이 교체 정책을 지키고 있는지, 기한을 넘긴 키가 많은 팀부터 보여 줍니다.',
    columns: { team: '팀', withinPolicy: '정책 준수', dueSoon: '기한 임박', overdue: '기한 초과', maxDaysOverdue: '최대 초과', oldestKey: '가장 오래된 키' },
    days: (days) => `${days}일`,
    empty: '기록된 키나 자격 증명이 없습니다.',
    total: '합계',
    more: (r, f) =>
      `그 밖에 ${f.integer(r.count)}개 팀: 기한 초과 키 ${f.integer(r.overdue)}개${r.overdue > 0 ? `(${f.integer(r.teamsWithOverdue)}개 팀)` : ''}, 기한 임박 ${f.integer(r.dueSoon)}개, 정책 준수 ${f.integer(
        r.withinPolicy,
      )}개. 합계에는 모든 팀이 포함됩니다.`,
  },
  leavers: {
    intro: '퇴사했지만 아직 계정·토큰·키를 보유한 사람과, 그 권한으로 한 일입니다. 퇴사 후 사용한 사람부터, 그다음은 퇴사한 지 오래된 순서로 보여 줍니다.',
    columns: { person: '이름', terminated: '퇴사일', daysSince: '경과일', access: '남은 접근 권한', uses: '퇴사 후 사용', data: '퇴사 후 데이터', lastUse: '마지막 사용' },
    empty: '접근 권한이 남은 퇴사자가 없습니다.',
    accessItem: (a) => (a.credentialKind ? `${WORDS.credentialKinds[a.credentialKind]} ${a.name}` : `${a.system} 계정 ${a.name}`),
    more: (r, f) =>
      `그 밖에 퇴사자 ${f.integer(r.count)}명이 접근 권한을 보유하고 있습니다. ${
        r.usedAfterTermination > 0
          ? `이 중 ${f.integer(r.usedAfterTermination)}명은 퇴사 후에도 사용했으며, 이동한 데이터는 모두 ${f.bytes(r.bytesAfterTermination)}입니다.`
          : '이 중 퇴사 후 사용한 사람은 없습니다.'
      }`,
  },
  crossBorder: {
    intro: (days) => `최근 ${days}일 동안 국가별 시스템 접근 현황입니다. 승인 목록에 없는 국가는 따로 표시해 먼저 보여 줍니다.`,
    columns: { country: '국가', approved: '승인', events: '접근 건수', data: '데이터' },
    countriesEmpty: '위치 정보가 있는 접근 기록이 없습니다.',
    countriesMore: (r, f) =>
      `그 밖에 ${f.integer(r.count)}개국: 접근 ${f.integer(r.events)}건, 데이터 ${f.bytes(r.bytes)}. ${
        r.unapproved > 0 ? `이 중 ${f.integer(r.unapproved)}개국은 승인되지 않은 국가입니다.` : '모두 승인된 국가입니다.'
      }`,
    offshoreHeading: '운영 환경 접근 권한이 있는 해외 근무자',
    offshoreColumns: { person: '이름', workCountry: '근무 국가', entitlements: '운영 환경 권한', approval: '승인' },
    noApproval: '기록 없음',
    approvalUntil: (approval, until) => `${approval}, ${until}까지`,
    offshoreEmpty: '운영 환경 접근 권한이 있는 해외 근무자가 없습니다.',
    offshoreMore: (r, f) =>
      `그 밖에 해외 근무자 ${f.integer(r.count)}명이 운영 환경 접근 권한을 보유하고 있습니다. ${
        r.withoutApproval > 0 ? `이 중 ${f.integer(r.withoutApproval)}명은 승인 기록이 없습니다.` : '모두 승인 기록이 있습니다.'
      }`,
    bulkHeading: '대량 데이터 반출 이상 징후',
    bulkColumns: { principal: '주체', started: '시작일', total: (days) => `최근 ${days}일 반출량`, peak: '하루 최대', volume: '자체 기준선 대비 일별 반출량' },
    bulkEmpty: '평소 기준선을 벗어난 데이터 반출이 없습니다.',
    bulkMore: (r, days, f) => `그 밖에 이상 징후 ${f.integer(r.count)}건이 있으며, 최근 ${f.integer(days)}일 동안의 반출량은 모두 ${f.bytes(r.totalBytes)}입니다.`,
    chartDaily: '일별 반출량',
    chartBaseline: '기준선',
  },
  completeness: {
    intro: '점수는 그 뒤의 데이터만큼만 믿을 수 있습니다. 데이터 소스별 마지막 수집 시점과, 측정하지 못한 영역입니다.',
    columns: { source: '데이터 소스', type: '유형', enabled: '사용', lastRun: '마지막 성공 수집', freshness: '최신성' },
    never: '없음',
    noSources: '설정된 데이터 소스가 없습니다.',
    notMeasuredHeading: '측정되지 않음',
    allMeasured: '모든 거버넌스 영역이 측정되었습니다.',
    noReason: '이 영역의 데이터가 없습니다.',
  },
  explanations: {
    intro: '각 점수는 아래 항목의 합계이며, 웹 앱과 명령줄에 표시되는 것과 같습니다: 만점, 지표별 감점, 심각 발견 사항별 감점, 소수점 첫째 자리 반올림.',
    overall: '종합 점수',
    columns: { term: '항목', points: '점수' },
    total: '점수',
    base: '만점',
    metric: (name, points, max) => `${name}: ${max}점 중 ${points}점 획득`,
    domainTerm: (domain, score) => `${domain} (${score}), 가중 반영`,
    finding: (subject) => `심각 발견 사항: ${subject}`,
    cap: '심각 감점 상한 도달: 추가 심각 발견 사항은 더 감점되지 않음',
    floor: '점수는 0점 미만이 되지 않음',
    rounding: '소수점 첫째 자리 반올림',
    daysToDetect: {
      title: '탐지: 탐지 소요 일수',
      median: (days, count, from, to) =>
        `사고(이상 활동, 퇴사)가 시작된 날부터 첫 발견 사항까지 중앙값 ${days}일, ${from}부터 ${to}까지(보고 기준일까지 90일) 처음 탐지된 사고 ${count}건 기준.`,
      none: (from, to) => `${from}부터 ${to}까지(보고 기준일까지 90일) 처음 탐지된 사고가 없습니다.`,
      notDetectedYet: (count, to) => `아직 탐지되지 않음: ${to}까지 시작된 사고 ${count}건 (중앙값에 포함하지 않고 따로 집계).`,
      note: '탐지 점수와 함께 표시되며 점수에는 반영되지 않습니다.',
    },
    metricNames: WORDS.metrics,
  },
  appendix: {
    intro: '각 발견사항 유형이 조직이 평가받을 수 있는 통제 프레임워크의 어느 항목과 관련되는지 보여 줍니다.',
    disclaimer:
      '이 매핑은 감사인과 통제 담당자가 관련 요구사항을 찾도록 돕는 참고 자료입니다. 인증, 감사 의견 또는 준수 선언이 아니며, 통제의 충족 여부는 이 발견사항만이 아니라 통제 전체를 보고 판단해야 합니다.',
    columns: { kind: '발견사항', iso: 'ISO/IEC 27001:2022 부속서 A', nist: 'NIST CSF 2.0', cis: 'CIS Controls v8', ismsp: 'ISMS-P' },
    audit: {
      heading: '감사 기록 체크포인트',
      intro:
        '이 보고서를 만들 때 감사 기록의 가장 최근 항목과, 데이터베이스에 없는 키로 계산한 MAC입니다. 이 보고서와 함께 보관하면 나중에 항목이 삭제되거나 기록이 다시 작성되었는지 확인할 수 있습니다.',
      head: (seq, takenAt) => `감사 기록 최신 항목: ${seq}번, 서명 시각 ${takenAt}`,
      verify: (slug) => `확인 방법: 아래 한 줄을 파일로 저장하고 postureboard audit verify --org ${slug} --checkpoint FILE 을 실행하십시오`,
    },
  },
};
