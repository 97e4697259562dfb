/**
 * Every subscribe-message template the app asks for through notices.subscribe, and how its recipients are found:
 * `home` templates go to the residents under a unit (a notice's, an activity's audience: found by the subscription's
 * home copy), so only someone with a home may hold one; `person` templates go to named people (a call-up's reserve,
 * a testing slot's household, a moved-up sign-up, a missed care check's helpers and chiefs, the morning dispatch's
 * leaders), who may be staff with no home in the tree. (Requests keep their own: requests.subscribe.)
 */
import { DISPATCH_TEMPLATE } from '../dashboard/dispatch'
import { CARE_MISSED_TEMPLATE } from '../care/missed-message'
import { CALLUP_TEMPLATE } from '../emergency/announce'
import { ACTIVITY_TEMPLATE, PROMOTED_TEMPLATE } from '../points/messages'
import { SLOT_TEMPLATE } from '../testing/announce'
import { NOTICE_TEMPLATE } from './links'

export type TemplateReach = 'home' | 'person'

export const SUBSCRIBE_TEMPLATES: Readonly<Record<string, TemplateReach>> = {
  [NOTICE_TEMPLATE.id]: 'home',
  [ACTIVITY_TEMPLATE.id]: 'home',
  [PROMOTED_TEMPLATE.id]: 'person',
  [CALLUP_TEMPLATE.id]: 'person',
  [SLOT_TEMPLATE.id]: 'person',
  [CARE_MISSED_TEMPLATE.id]: 'person',
  [DISPATCH_TEMPLATE.id]: 'person',
}

/** How a template's recipients are found, or undefined for a template the app never asks for. */
export const templateReach = (templateId: string): TemplateReach | undefined =>
  Object.prototype.hasOwnProperty.call(SUBSCRIBE_TEMPLATES, templateId) ? SUBSCRIBE_TEMPLATES[templateId] : undefined
