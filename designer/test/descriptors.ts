import type { ActivityDescriptor } from '../src/api/types';

/** Descriptors as GET /api/activities returns them (trimmed to what the tests use). */
export const manualStep: ActivityDescriptor = {
  type: 'ManualStep',
  category: 'Human',
  displayName: 'Manual step',
  description: 'Waits until an operator confirms that an instruction has been carried out.',
  inputs: [
    { name: 'title', typeName: 'String', required: true, defaultValue: null, description: 'Short name of the step.' },
    { name: 'instructions', typeName: 'String', required: true, defaultValue: null, description: 'What to do, precisely.', uiHint: 'multiline' },
    { name: 'allowedRoles', typeName: 'String[]', required: false, defaultValue: 'operator', description: 'Roles allowed to confirm.' },
  ],
  outputs: [],
  outcomes: ['Done'],
  sideEffect: 'None',
};

export const fork: ActivityDescriptor = {
  type: 'Fork',
  category: 'Flow',
  displayName: 'Fork',
  description: 'Starts every named branch at once.',
  inputs: [{ name: 'branches', typeName: 'String[]', required: true, defaultValue: 'Branch 1,Branch 2', description: 'The branch names.' }],
  outputs: [],
  outcomes: ['Done'],
  sideEffect: 'None',
};

export const switchActivity: ActivityDescriptor = {
  type: 'Switch',
  category: 'Flow',
  displayName: 'Switch',
  description: 'Continues on the case(s) whose condition holds, else on Default.',
  inputs: [
    { name: 'cases', typeName: 'Object', required: true, defaultValue: null, description: 'Cases: a list of {label, condition}.' },
    { name: 'mode', typeName: 'String', required: false, defaultValue: 'MatchFirst', description: 'Mode.', options: ['MatchFirst', 'MatchAny'] },
  ],
  outputs: [],
  outcomes: ['Default'],
  sideEffect: 'None',
};

export const delay: ActivityDescriptor = {
  type: 'Delay',
  category: 'Primitives',
  displayName: 'Delay',
  description: 'Waits.',
  inputs: [
    { name: 'duration', typeName: 'TimeSpan', required: true, defaultValue: '00:05:00', description: 'How long.' },
    { name: 'attempts', typeName: 'Int32', required: false, defaultValue: '3', description: 'A number default given as text.' },
    { name: 'force', typeName: 'Boolean', required: true, defaultValue: null, description: 'A required flag.' },
    { name: 'note', typeName: 'String', required: false, defaultValue: null, description: 'Optional, no default.' },
  ],
  outputs: [],
  outcomes: ['Done'],
  sideEffect: 'None',
};

export const approval: ActivityDescriptor = {
  type: 'Approval',
  category: 'Human',
  displayName: 'Approval',
  description: 'Waits for a decision.',
  inputs: [{ name: 'title', typeName: 'String', required: true, defaultValue: null, description: 'What is being approved.' }],
  outputs: [],
  outcomes: ['Approved', 'Rejected', 'Expired'],
  sideEffect: 'None',
};
