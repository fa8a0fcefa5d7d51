import { z } from 'zod';
import { parseDateTimeLocal } from '$lib/forms/date-time-local';
import type { MessageKey } from '$lib/i18n/translate';

const message = (key: MessageKey) => ({ error: key });

export const taskStatuses = [
	'not_started',
	'in_progress',
	'awaiting_feedback',
	'completed'
] as const;
export const taskPriorities = ['low', 'medium', 'high', 'urgent'] as const;

export type TaskStatus = (typeof taskStatuses)[number];
export type TaskPriority = (typeof taskPriorities)[number];

const staffNameSchema = z.object({ id: z.guid(), full_name: z.string() });

/** A task on a lead with the colleagues working on it (design.md §3). */
export const taskSchema = z.object({
	id: z.guid(),
	lead_id: z.guid(),
	title: z.string(),
	description: z.string().nullable(),
	status: z.enum(taskStatuses),
	priority: z.enum(taskPriorities),
	due_at: z.iso.datetime({ offset: true }).nullable(),
	completed_at: z.iso.datetime({ offset: true }).nullable(),
	created_at: z.iso.datetime({ offset: true }),
	assignees: z
		.array(z.object({ staff: staffNameSchema }))
		.transform((rows) =>
			rows.map((row) => row.staff).sort((a, b) => a.full_name.localeCompare(b.full_name))
		)
});

export type Task = z.output<typeof taskSchema>;

export const taskColumns =
	'id, lead_id, title, description, status, priority, due_at, completed_at, created_at, ' +
	'assignees:task_assignees(staff(id, full_name))';

/**
 * The task form; mirrors tasks_title_length and tasks_description_length. `dueAt` is a
 * `datetime-local` value (empty for no due date), `assigneeIds` the chosen colleagues.
 */
export const newTaskSchema = z
	.object({
		title: z
			.string()
			.trim()
			.min(1, message('validation.task.titleRequired'))
			.max(200, message('validation.task.titleTooLong')),
		description: z.string().trim().max(10_000, message('validation.task.descriptionTooLong')),
		priority: z.enum(taskPriorities),
		dueAt: z.string(),
		assigneeIds: z.array(z.guid())
	})
	.transform((form, context) => {
		const dueAt = form.dueAt === '' ? null : parseDateTimeLocal(form.dueAt);
		if (dueAt === undefined) {
			context.addIssue({
				code: 'custom',
				path: ['dueAt'],
				message: 'validation.task.dueAtInvalid'
			});
			return z.NEVER;
		}
		return {
			task: {
				title: form.title,
				description: form.description === '' ? null : form.description,
				priority: form.priority,
				due_at: dueAt?.toISOString() ?? null
			},
			assigneeIds: [...new Set(form.assigneeIds)]
		};
	});

export type NewTaskForm = z.input<typeof newTaskSchema>;
export type NewTask = z.output<typeof newTaskSchema>;
