import { serve } from '../shared/runtime'
import { bindPhone } from './actions/bindPhone'
import { code } from './actions/code'
import { join } from './actions/join'
import { joinCode } from './actions/joinCode'
import { lookup } from './actions/lookup'
import { me } from './actions/me'
import { sceneInfo } from './actions/sceneInfo'
import { setBirthday } from './actions/setBirthday'
import { updateProfile } from './actions/updateProfile'
import { archive, search } from './actions/archive'
import { addNote, erase, myData, removeMember } from './actions/privacy'

export const main = serve('member', { me, join, sceneInfo, code, updateProfile, bindPhone, lookup, setBirthday, joinCode, search, archive, addNote, removeMember, erase, myData })
