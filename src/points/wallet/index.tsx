/** 积分明细: my balance, my points by the date they expire (the soonest first), and every movement, newest first. */
import { Text, View } from '@tarojs/components'
import { AppPage } from '../../components/AppPage'
import { usePersonaReady } from '../../hooks/use-persona'
import { dateText, dayTime, getWallet, TRANSFER_KIND_LABELS, type HistoryRow, type Wallet } from '../../services/points'
import { listState, PagedRows } from '../components/PagedRows'
import { useListPage } from '../use-pages'
import '../points.css'

const keyOf = (r: HistoryRow) => r.id
const day = dateText

export default function WalletPage() {
  return usePersonaReady() ? <WalletView /> : null
}

function WalletView() {
  const list = useListPage(async (page: number) => {
    const wallet = await getWallet(page)
    return { rows: wallet.history.rows, more: wallet.history.more, wallet }
  }, keyOf)
  const wallet: Wallet | undefined = list.last?.wallet

  let body = listState(list, { shown: !!wallet })
  if (!body && wallet)
    body = (
      <View>
        <View className='card wallet-balance'>
          <Text className='points-meta'>当前积分</Text>
          <Text className='points-title wallet-balance__amount'>{wallet.balance}</Text>
          {wallet.expiringSoon ? (
            <Text className='points-error wallet-expiring'>
              {wallet.expiringSoon.amount} 分将于 {day(wallet.expiringSoon.at)} 到期
            </Text>
          ) : null}
          {wallet.expiries.length ? (
            <Text className='points-meta'>
              到期安排：{wallet.expiries.map((e) => `${day(e.at)} 到期 ${e.amount} 分`).join('；')}
            </Text>
          ) : null}
        </View>
        <View className='card'>
          <View className='card__head'>
            <Text className='card__title'>明细</Text>
          </View>
          {list.rows.length ? null : <Text className='points-hint'>还没有积分变动</Text>}
          <PagedRows list={list} keyOf={keyOf}>
            {(r) => (
              <View className='points-row history-row'>
                <View className='points-row__main'>
                  <Text className='points-row__title'>
                    {r.reason.startsWith(TRANSFER_KIND_LABELS[r.kind])
                      ? r.reason
                      : `${TRANSFER_KIND_LABELS[r.kind]} · ${r.reason}`}
                  </Text>
                  <Text className='points-row__sub'>{dayTime(r.at)}</Text>
                </View>
                <Text className={`points-amount history-row__amount${r.amount < 0 ? ' points-amount--minus' : ''}`}>
                  {r.amount > 0 ? `+${r.amount}` : r.amount}
                </Text>
              </View>
            )}
          </PagedRows>
        </View>
      </View>
    )
  return <AppPage className='points-page wallet'>{body}</AppPage>
}
