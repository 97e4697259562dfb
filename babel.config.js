// Taro's build reads this file; jest passes configFile:false and uses its own presets (jest.config.js).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
