/**
 * The privacy guide (core/privacy/guide.ts) with 同意 and 不同意. In weapp the agree button is WeChat's own
 * (open-type agreePrivacyAuthorization), so agreeing here also records the 用户隐私保护指引 with the platform;
 * on older base libraries and in h5 it is a plain button.
 */
import { Button as NativeButton, Text, View } from '@tarojs/components'
import { PRIVACY_GUIDE } from '../../../core/privacy/guide'
import { AGREE_BUTTON_ID, platformHasPrivacyApi } from '../../services/privacy-consent'
import { Button } from '../../ui/nutui'
import './index.css'

export interface PrivacyGuideProps {
  /** The visitor said no: say what that means, and offer the guide again. */
  declined: boolean
  onAgree: () => void
  onDecline: () => void
}

export function PrivacyGuide({ declined, onAgree, onDecline }: PrivacyGuideProps) {
  const official = platformHasPrivacyApi()
  return (
    <View className='card privacy-guide'>
      <Text className='privacy-guide__title'>{PRIVACY_GUIDE.title}</Text>
      <Text className='privacy-guide__intro'>{PRIVACY_GUIDE.intro}</Text>
      {PRIVACY_GUIDE.sections.map((s) => (
        <View className='privacy-guide__section' key={s.title}>
          <Text className='privacy-guide__heading'>{s.title}</Text>
          {s.paragraphs.map((p) => (
            <Text className='privacy-guide__text' key={p}>
              {p}
            </Text>
          ))}
        </View>
      ))}
      {declined ? <Text className='privacy-guide__declined'>{PRIVACY_GUIDE.declined}</Text> : null}
      <View className='privacy-guide__actions'>
        <NativeButton
          id={AGREE_BUTTON_ID}
          className='privacy-guide__agree'
          openType={official ? 'agreePrivacyAuthorization' : undefined}
          onAgreePrivacyAuthorization={official ? onAgree : undefined}
          onClick={official ? undefined : onAgree}
        >
          {PRIVACY_GUIDE.agree}
        </NativeButton>
        {declined ? null : (
          <Button className='privacy-guide__decline' fill='none' block onClick={onDecline}>
            {PRIVACY_GUIDE.decline}
          </Button>
        )}
      </View>
    </View>
  )
}
