export const HR_ROSTER_COLUMNS = [
  'employee_id',
  'email',
  'full_name',
  'employment_type',
  'status',
  'start_date',
  'termination_date',
  'work_country',
  'department',
  'manager_email',
] as const;

export type HrRosterColumn = (typeof HR_ROSTER_COLUMNS)[number];
