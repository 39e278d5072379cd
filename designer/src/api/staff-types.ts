/** The staff model (issue 10) as the API returns it: users, posts (岗位), departments, regions. */
export interface StaffUser {
  id: string;
  name: string;
  department: string;
  departmentName?: string | null;
  roles: string[];
  groups: string[];
  regionCode: string | null;
  regionName?: string | null;
  disabled: boolean;
}

export interface Post {
  department: string;
  code: string;
  name: string;
  description?: string | null;
}

export interface Department {
  code: string;
  name: string;
}

export interface Region {
  code: string;
  name: string;
  level?: string;
  parentCode?: string | null;
}
