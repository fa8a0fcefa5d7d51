import type { MessageKey } from '$lib/i18n/translate';
import type { Capability } from '$lib/permissions/schema';

/** Columns of the permission matrix (Perfex: view own / view global / create / edit / delete). */
export const matrixColumns = ['view_own', 'view_global', 'create', 'edit', 'delete'] as const;

export type MatrixColumn = (typeof matrixColumns)[number];

/**
 * A cell: a capability the role may be granted, `always` where every active staff member has
 * the right anyway (their own leads, creating leads), or nothing where the feature has no such
 * right. `extra` are the feature's capabilities outside the five columns.
 */
export type MatrixCell = Capability | 'always' | null;

export interface MatrixRow {
	feature: string;
	label: MessageKey;
	cells: Record<MatrixColumn, MatrixCell>;
	extra: Capability[];
}

export const permissionMatrix: MatrixRow[] = [
	{
		feature: 'leads',
		label: 'team.feature.leads',
		cells: {
			view_own: 'always',
			view_global: 'leads.view_global',
			create: 'always',
			edit: 'always',
			delete: 'leads.delete'
		},
		extra: ['leads.import', 'leads.add_source']
	},
	{
		feature: 'proposals',
		label: 'team.feature.proposals',
		cells: {
			view_own: 'always',
			view_global: 'proposals.view_global',
			create: 'proposals.create',
			edit: 'proposals.edit',
			delete: 'proposals.delete'
		},
		extra: []
	},
	{
		feature: 'customers',
		label: 'team.feature.customers',
		cells: {
			view_own: null,
			view_global: 'customers.view',
			create: 'customers.create',
			edit: 'customers.edit',
			delete: 'customers.delete'
		},
		extra: []
	},
	{
		feature: 'settings',
		label: 'team.feature.settings',
		cells: { view_own: null, view_global: null, create: null, edit: null, delete: null },
		extra: ['settings.manage']
	},
	{
		feature: 'staff',
		label: 'team.feature.staff',
		cells: { view_own: null, view_global: null, create: null, edit: null, delete: null },
		extra: ['staff.manage']
	}
];
