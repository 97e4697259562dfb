/** A role's Chinese name as a small tag, in the app's red. */
import { ROLE_LABELS, ROLES, type Role } from '../../core/roles'
import { Tag } from '../ui/nutui'

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r)

export function RoleTag({ role }: { role: string }) {
  return (
    <Tag className='role-tag' background='#fdecec' color='#c8161d'>
      {isRole(role) ? ROLE_LABELS[role] : role}
    </Tag>
  )
}
