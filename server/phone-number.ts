/**
 * 手机号快速验证: the code of a getPhoneNumber button, exchanged by the function for the number WeChat verified
 * (phonenumber.getPhoneNumber; single use, valid 5 minutes). The number comes from the platform, never from the
 * client. Billed per call for most accounts (free for government and non-profit subjects): see docs/deploy.md.
 */
import { getCloud } from './cloud'
import { AppError } from './errors'

interface PhoneNumberResult {
  phoneInfo?: { purePhoneNumber?: string; countryCode?: string }
}

/** The verified mainland mobile behind `code`, or PHONE_CODE_INVALID (nothing else is worth storing). */
export async function verifiedPhone(code: string): Promise<string> {
  let res: PhoneNumberResult
  try {
    res = (await getCloud().openapi.phonenumber.getPhoneNumber({ code })) as PhoneNumberResult
  } catch (error) {
    // 40029 invalid code, 40163 code used, …: the visitor can tap again or type the number
    if (typeof (error as { errCode?: unknown }).errCode === 'number') throw new AppError('PHONE_CODE_INVALID')
    throw error
  }
  const phone = res.phoneInfo?.purePhoneNumber ?? ''
  if ((res.phoneInfo?.countryCode ?? '86') !== '86' || !/^1[3-9]\d{9}$/.test(phone)) {
    throw new AppError('PHONE_CODE_INVALID', '微信绑定的号码不是中国大陆手机号')
  }
  return phone
}
