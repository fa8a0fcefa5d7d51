import { mutationOptions, type QueryClient } from '@tanstack/svelte-query';
import { leadActivityKeys } from '$lib/lead-activity/queries';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { insertTask, updateTaskStatus } from './api';
import { taskKeys } from './queries';
import type { NewTask, TaskStatus } from './schema';

function refreshLeadTasks(queryClient: QueryClient, leadId: string) {
	return Promise.all([
		queryClient.invalidateQueries({ queryKey: taskKeys.forLead(leadId) }),
		queryClient.invalidateQueries({ queryKey: leadActivityKeys.forLead(leadId) })
	]);
}

/** Creates a task with its assignees; the form shows a failure itself. */
export function createTaskMutation(queryClient: QueryClient, leadId: string) {
	return mutationOptions({
		mutationKey: ['tasks', 'create'],
		mutationFn: (task: NewTask) => insertTask(createSupabaseBrowserClient(), leadId, task),
		meta: { errorDisplay: 'inline' },
		onSuccess: () => refreshLeadTasks(queryClient, leadId)
	});
}

export interface TaskStatusChange {
	taskId: string;
	status: TaskStatus;
}

/** Completes or reopens a task; a failure is a notice and the list shows what is stored. */
export function setTaskStatusMutation(queryClient: QueryClient, leadId: string) {
	return mutationOptions({
		mutationKey: ['tasks', 'status'],
		mutationFn: ({ taskId, status }: TaskStatusChange) =>
			updateTaskStatus(createSupabaseBrowserClient(), taskId, status),
		onSettled: () => refreshLeadTasks(queryClient, leadId)
	});
}
