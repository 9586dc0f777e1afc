import { defineMessages } from '../define-messages.js';

export const administrationMessages = defineMessages({
  en: {
    'nav.administration': 'Administration',
    'administration.title': 'Administration',
    'administration.subtitle': 'Members, API tokens, the audit log, notifications and file uploads: what your role may manage.',
    'administration.refusedTitle': 'Not available to your role',
    'administration.refused': 'Your role in this organization cannot open this page. Ask an administrator if you need it.',
    'role.ADMIN': 'Administrator',
    'role.CISO': 'CISO',
    'role.ENGINEERING_LEAD': 'Engineering lead',
    'role.ANALYST': 'Analyst',
    'role.AUDITOR': 'Auditor',
    'role.BOARD_VIEWER': 'Board viewer',
  },
  ko: {
    'nav.administration': '관리',
    'administration.title': '관리',
    'administration.subtitle': '구성원, API 토큰, 감사 로그, 알림, 파일 업로드 중 내 역할로 관리할 수 있는 항목입니다.',
    'administration.refusedTitle': '내 역할로는 사용할 수 없습니다',
    'administration.refused': '이 조직에서 내 역할로는 이 페이지를 열 수 없습니다. 필요하면 관리자에게 요청하세요.',
    'role.ADMIN': '관리자',
    'role.CISO': 'CISO',
    'role.ENGINEERING_LEAD': '엔지니어링 리드',
    'role.ANALYST': '분석가',
    'role.AUDITOR': '감사인',
    'role.BOARD_VIEWER': '이사회 열람자',
  },
});
