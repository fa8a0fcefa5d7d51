import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import { taskColumns, taskSchema, type NewTask, type Task, type TaskStatus } from './schema';

/** The tasks of a lead: open ones first, then by due date (none last), then newest. */
export async function fetchLeadTasks(client: LeadwerkClient, leadId: string): Promise<Task[]> {
	const { data } = await client
		.from('tasks')
		.select(taskColumns)
		.eq('lead_id', leadId)
		.order('completed_at', { ascending: false, nullsFirst: true })
		.order('due_at', { ascending: true, nullsFirst: false })
		.order('created_at', { ascending: false })
		.throwOnError();
	return z.array(taskSchema).parse(data);
}

/**
 * Creates the task and assigns it. Two requests (the Data API has no multi-table insert): when
 * assigning fails, the task is removed again, so no half-made task stays behind.
 */
export async function insertTask(
	client: LeadwerkClient,
	leadId: string,
	{ task, assigneeIds }: NewTask
): Promise<void> {
	const { data } = await client
		.from('tasks')
		.insert({ lead_id: leadId, ...task })
		.select('id')
		.single()
		.throwOnError();
	const taskId = z.object({ id: z.guid() }).parse(data).id;
	if (assigneeIds.length === 0) return;
	const { error } = await client
		.from('task_assignees')
		.insert(assigneeIds.map((staffId) => ({ task_id: taskId, staff_id: staffId })));
	if (error) {
		await client.from('tasks').delete().eq('id', taskId);
		throw error;
	}
}

/** Completes a task, or opens it again. */
export async function updateTaskStatus(
	client: LeadwerkClient,
	taskId: string,
	status: TaskStatus
): Promise<void> {
	await client.from('tasks').update({ status }).eq('id', taskId).throwOnError();
}
